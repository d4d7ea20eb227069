//! macOS: `statfs` names the file system (`msdos` for FAT, `exfat`, `apfs`, `hfs`).

use super::{from_os_name, FileSystem};
use std::ffi::{CStr, CString};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

pub(super) fn file_system_of(path: &Path) -> Option<FileSystem> {
    let c_path = CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut stats: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid NUL-terminated path and a zeroed struct of the right type.
    if unsafe { libc::statfs(c_path.as_ptr(), &mut stats) } != 0 {
        return None;
    }
    // SAFETY: the kernel writes a NUL-terminated name into the fixed-size field.
    let name = unsafe { CStr::from_ptr(stats.f_fstypename.as_ptr()) };
    Some(from_os_name(&name.to_string_lossy()))
}
