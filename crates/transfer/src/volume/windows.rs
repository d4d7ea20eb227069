//! Windows: the volume that holds the path, and the file system name it reports
//! (`NTFS`, `FAT32`, `exFAT`, `ReFS`).

use super::{from_os_name, FileSystem};
use std::os::windows::ffi::{OsStrExt, OsStringExt};
use std::path::Path;
use windows_sys::Win32::Storage::FileSystem::{GetVolumeInformationW, GetVolumePathNameW};

pub(super) fn file_system_of(path: &Path) -> Option<FileSystem> {
    let wide: Vec<u16> = path.as_os_str().encode_wide().chain(Some(0)).collect();
    let mut root = vec![0u16; 1024];
    // SAFETY: NUL-terminated input; the output buffer's length is passed with it.
    if unsafe { GetVolumePathNameW(wide.as_ptr(), root.as_mut_ptr(), root.len() as u32) } == 0 {
        return None;
    }
    let mut name = [0u16; 64];
    // SAFETY: `root` is NUL-terminated by the call above; unused outputs are null.
    let ok = unsafe {
        GetVolumeInformationW(
            root.as_ptr(),
            std::ptr::null_mut(),
            0,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            name.as_mut_ptr(),
            name.len() as u32,
        )
    };
    if ok == 0 {
        return None;
    }
    let len = name
        .iter()
        .position(|&unit| unit == 0)
        .unwrap_or(name.len());
    let name = std::ffi::OsString::from_wide(&name[..len]);
    Some(from_os_name(&name.to_string_lossy()))
}
