//! Folders and files only their owner may open: the data folder with the store (the
//! export history, project names, file paths, and signed links while a download needs
//! them) and the thumbnail cache. On Unix that is 0700 for folders and 0600 for files,
//! set when they are made and tightened when an older version left them looser.
//! Elsewhere the per-user profile folders they live in already keep others out.

use std::io;
use std::path::Path;

/// Creates `dir` (and any missing parent, private too, as the XDG base directory spec
/// asks) and leaves it 0700.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        tighten(dir, 0o700)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

/// Creates `path` empty and 0600 if it does not exist, and tightens it if it does, so
/// whatever writes into it next (SQLite, which copies the database's mode onto its
/// `-wal` and `-shm` files) starts private.
pub fn ensure_private_file(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
        {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => restrict_file(path),
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Tightens `path` to 0600 if it exists and is a regular file; a symlink is left alone
/// (its target is not ours to change).
pub fn restrict_file(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => tighten(path, 0o600),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to a new or truncated `path` that only its owner can read.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never written through a link planted at the name (a cache under a shared temp
        // folder, when the user has no home folder).
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(path)?;
    // An existing file keeps its old mode through `open`: tighten it as well.
    restrict_file(path)?;
    file.write_all(bytes)
}

/// Tightens `dir` and everything below it: folders to 0700, files to 0600. Symlinks
/// are neither followed nor changed. Missing `dir` is fine.
pub fn restrict_tree(dir: &Path) -> io::Result<()> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if meta.is_file() {
        return restrict_file(dir);
    }
    if !meta.is_dir() {
        return Ok(());
    }
    tighten(dir, 0o700)?;
    for entry in std::fs::read_dir(dir)? {
        restrict_tree(&entry?.path())?;
    }
    Ok(())
}

/// Removes every permission bit outside `allowed` (group and others), keeping the
/// owner's own; nothing is widened.
#[cfg(unix)]
fn tighten(path: &Path, allowed: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode() & 0o7777;
    let wanted = mode & allowed;
    if wanted != mode {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(wanted))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn tighten(_path: &Path, _allowed: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    }

    fn set_mode(path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    // Tried: folders and files an older version (or a umask of 0) left readable by
    // everyone are tightened; new ones are made private.
    #[test]
    fn loose_folders_and_files_are_tightened_and_new_ones_are_private() {
        let root = tempfile::tempdir().unwrap();
        let fresh = root.path().join("a/b");
        create_private_dir(&fresh).unwrap();
        assert_eq!(mode(&root.path().join("a")), 0o700);
        assert_eq!(mode(&fresh), 0o700);

        let loose = root.path().join("loose");
        std::fs::create_dir(&loose).unwrap();
        set_mode(&loose, 0o777);
        create_private_dir(&loose).unwrap();
        assert_eq!(mode(&loose), 0o700);

        let file = loose.join("f");
        ensure_private_file(&file).unwrap();
        assert_eq!(mode(&file), 0o600);
        set_mode(&file, 0o666);
        ensure_private_file(&file).unwrap();
        assert_eq!(mode(&file), 0o600);

        set_mode(&file, 0o644);
        write_private_file(&file, b"x").unwrap();
        assert_eq!(mode(&file), 0o600);

        let inner = loose.join("d");
        std::fs::create_dir(&inner).unwrap();
        std::fs::write(inner.join("g"), b"y").unwrap();
        set_mode(&inner.join("g"), 0o644);
        set_mode(&inner, 0o755);
        set_mode(&loose, 0o755);
        restrict_tree(&loose).unwrap();
        assert_eq!(mode(&loose), 0o700);
        assert_eq!(mode(&inner), 0o700);
        assert_eq!(mode(&inner.join("g")), 0o600);
    }

    // Tried: a symlink planted in the cache pointing at a file of someone else's
    // choosing: tightening does not follow it.
    #[test]
    fn symlinks_are_not_followed() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("target");
        std::fs::write(&target, b"t").unwrap();
        set_mode(&target, 0o644);
        let tree = root.path().join("tree");
        std::fs::create_dir(&tree).unwrap();
        std::os::unix::fs::symlink(&target, tree.join("link")).unwrap();
        restrict_tree(&tree).unwrap();
        restrict_file(&tree.join("link")).unwrap();
        assert_eq!(mode(&target), 0o644);
    }
}
