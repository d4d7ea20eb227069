//! Which file system holds the download folder, for the limits editors' external drives
//! bring: FAT32 (still the default on many cards and sticks) cannot hold a file of 4 GiB or
//! more, and a 4K clip can be that large. Knowing it before downloading turns a failure at
//! 4 GiB into a clear message at 0 bytes.

use std::path::Path;

#[cfg(target_os = "linux")]
mod linux;
#[cfg(target_os = "macos")]
mod macos;
#[cfg(windows)]
mod windows;

/// Largest file FAT32 can hold: its size field is 32 bits.
pub const FAT32_MAX_FILE: u64 = u32::MAX as u64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileSystem {
    Fat32,
    ExFat,
    /// Any other file system, by the name the OS gives it.
    Other(String),
}

impl FileSystem {
    /// The name people see in Finder, Explorer and Disk Utility.
    pub fn display_name(&self) -> &str {
        match self {
            FileSystem::Fat32 => "FAT32",
            FileSystem::ExFat => "exFAT",
            FileSystem::Other(name) => name,
        }
    }

    /// The largest file it can hold, when it is small enough to matter for a clip.
    pub fn max_file_size(&self) -> Option<u64> {
        match self {
            FileSystem::Fat32 => Some(FAT32_MAX_FILE),
            _ => None,
        }
    }
}

/// The file system holding `path` (an existing file or folder); `None` when the OS will
/// not say. A guess here only ever adds a refusal, so unknown means "no limit known".
pub fn file_system_of(path: &Path) -> Option<FileSystem> {
    #[cfg(target_os = "linux")]
    return linux::file_system_of(path);
    #[cfg(target_os = "macos")]
    return macos::file_system_of(path);
    #[cfg(windows)]
    return windows::file_system_of(path);
    #[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
    {
        let _ = path;
        None
    }
}

/// Names a file system from the words the OS uses for it (statfs type names, mount types,
/// Windows volume information), case-insensitively.
pub(crate) fn from_os_name(name: &str) -> FileSystem {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "vfat" | "msdos" | "fat32" | "fat" | "fat16" | "fuse.fusefat" | "fusefat" => {
            FileSystem::Fat32
        }
        "exfat" | "fuse.exfat" | "fuse.exfat-fuse" => FileSystem::ExFat,
        _ => FileSystem::Other(name.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_names_map_to_the_names_people_know() {
        for name in ["vfat", "msdos", "FAT32", "FAT", "fuse.fusefat"] {
            assert_eq!(from_os_name(name), FileSystem::Fat32, "{name}");
        }
        for name in ["exfat", "exFAT", "fuse.exfat"] {
            assert_eq!(from_os_name(name), FileSystem::ExFat, "{name}");
        }
        assert_eq!(from_os_name("NTFS").display_name(), "NTFS");
        assert_eq!(from_os_name("apfs").max_file_size(), None);
        assert_eq!(FileSystem::Fat32.max_file_size(), Some(4_294_967_295));
    }

    #[test]
    fn a_local_temp_folder_is_not_fat() {
        let dir = std::env::temp_dir();
        if let Some(found) = file_system_of(&dir) {
            assert_ne!(found, FileSystem::Fat32, "{}", dir.display());
        }
    }
}
