//! Linux: `statfs` for kernel drivers; for FUSE mounts (exfat-fuse, fusefat, what desktops
//! use for removable drives without the kernel driver) the mount table names the driver,
//! and where it does not, the volume's boot sector does.

use super::{from_os_name, FileSystem};
use std::ffi::CString;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

const MSDOS_SUPER_MAGIC: i64 = 0x4d44;
const EXFAT_SUPER_MAGIC: i64 = 0x2011_bab0;
const FUSE_SUPER_MAGIC: i64 = 0x6573_5546;

pub(super) fn file_system_of(path: &Path) -> Option<FileSystem> {
    match statfs_type(path)? {
        MSDOS_SUPER_MAGIC => Some(FileSystem::Fat32),
        EXFAT_SUPER_MAGIC => Some(FileSystem::ExFat),
        FUSE_SUPER_MAGIC => fuse_file_system(path),
        other => Some(FileSystem::Other(format!("{other:#x}"))),
    }
}

fn statfs_type(path: &Path) -> Option<i64> {
    let c_path = CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut stats: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid NUL-terminated path and a zeroed struct of the right type.
    if unsafe { libc::statfs(c_path.as_ptr(), &mut stats) } != 0 {
        return None;
    }
    #[allow(clippy::unnecessary_cast)]
    Some(stats.f_type as i64)
}

fn fuse_file_system(path: &Path) -> Option<FileSystem> {
    let canonical = std::fs::canonicalize(path).ok()?;
    let table = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let mount = mount_of(&table, &canonical)?;
    match from_os_name(&mount.fs_type) {
        FileSystem::Other(_) if mount.fs_type == "fuseblk" => {
            boot_sector_file_system(Path::new(&mount.source))
        }
        known => Some(known),
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Mount {
    point: PathBuf,
    fs_type: String,
    source: String,
}

/// The mount holding `path`: the longest mount point that contains it (the last one listed
/// wins among equals, as a later mount hides an earlier one).
fn mount_of(table: &str, path: &Path) -> Option<Mount> {
    table
        .lines()
        .filter_map(parse_mountinfo_line)
        .filter(|mount| path.starts_with(&mount.point))
        .fold(None, |best: Option<Mount>, mount| match best {
            Some(best) if best.point.as_os_str().len() > mount.point.as_os_str().len() => {
                Some(best)
            }
            _ => Some(mount),
        })
}

/// `36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue`
fn parse_mountinfo_line(line: &str) -> Option<Mount> {
    let (before, after) = line.split_once(" - ")?;
    let point = before.split(' ').nth(4)?;
    let mut after = after.split(' ');
    let fs_type = after.next()?.to_owned();
    let source = after.next()?.to_owned();
    Some(Mount {
        point: PathBuf::from(unescape_octal(point)),
        fs_type,
        source,
    })
}

/// The mount table writes space, tab, newline and backslash as `\040`-style octal.
fn unescape_octal(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes.get(i + 1..i + 4).and_then(|digits| {
            let text = std::str::from_utf8(digits).ok()?;
            u8::from_str_radix(text, 8).ok()
        });
        match (bytes[i], octal) {
            (b'\\', Some(byte)) => {
                out.push(byte);
                i += 4;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// exFAT names itself at byte 3 of its boot sector, FAT32 at byte 82. Reading the device
/// needs permission a normal user often lacks; then nothing is known.
fn boot_sector_file_system(device: &Path) -> Option<FileSystem> {
    let mut sector = [0u8; 90];
    std::fs::File::open(device)
        .ok()?
        .read_exact(&mut sector)
        .ok()?;
    if &sector[3..11] == b"EXFAT   " {
        Some(FileSystem::ExFat)
    } else if &sector[82..90] == b"FAT32   " {
        Some(FileSystem::Fat32)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "\
22 1 0:21 / / rw,relatime - ext4 /dev/vda rw
42 22 7:0 / /media/editor/CARD rw,nosuid - fuseblk /dev/loop0 rw,user_id=0
43 22 0:39 / /media/editor/My\\040Stick rw,nosuid - fuse.fusefat fusefat rw
";

    #[test]
    fn the_deepest_mount_holds_the_path() {
        let mount = mount_of(TABLE, Path::new("/media/editor/CARD/clips")).unwrap();
        assert_eq!(mount.fs_type, "fuseblk");
        assert_eq!(mount.source, "/dev/loop0");
        let root = mount_of(TABLE, Path::new("/home/editor")).unwrap();
        assert_eq!(root.fs_type, "ext4");
    }

    #[test]
    fn escaped_mount_points_are_read_back() {
        let mount = mount_of(TABLE, Path::new("/media/editor/My Stick/a")).unwrap();
        assert_eq!(mount.point, PathBuf::from("/media/editor/My Stick"));
        assert_eq!(from_os_name(&mount.fs_type), FileSystem::Fat32);
    }

    #[test]
    fn boot_sectors_name_their_file_system() {
        let dir = tempfile::tempdir().unwrap();
        let mut exfat = vec![0u8; 512];
        exfat[3..11].copy_from_slice(b"EXFAT   ");
        let mut fat32 = vec![0u8; 512];
        fat32[82..90].copy_from_slice(b"FAT32   ");
        std::fs::write(dir.path().join("exfat"), &exfat).unwrap();
        std::fs::write(dir.path().join("fat32"), &fat32).unwrap();
        std::fs::write(dir.path().join("other"), [0u8; 512]).unwrap();
        let read = |name: &str| boot_sector_file_system(&dir.path().join(name));
        assert_eq!(read("exfat"), Some(FileSystem::ExFat));
        assert_eq!(read("fat32"), Some(FileSystem::Fat32));
        assert_eq!(read("other"), None);
    }
}
