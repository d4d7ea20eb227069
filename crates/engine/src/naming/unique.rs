use std::collections::HashSet;
use std::path::Path;

use super::sanitize::{fit, truncate_at_char, MAX_NAME_BYTES};

/// `name`, or `name (2).mp4`, `name (3).mp4`… : the first that is free in `dir`.
///
/// A name is taken when `taken(name)` says so (another download already planned it; the caller
/// should compare without case), when anything exists at that path (even a dangling link), when
/// a name differing only in case exists (macOS and Windows folders ignore case, and a folder may
/// later move to one), or when its `.part` file exists: that partial download belongs to another
/// clip and resuming into it would mix two files. The counter goes before the extension and the
/// stem is shortened so the result stays within [`MAX_NAME_BYTES`].
pub fn unique_in_folder(dir: &Path, name: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let existing = folded_names_in(dir);
    let is_free = |candidate: &str| {
        let folded = fold_case(candidate);
        !taken(candidate)
            && !existing.contains(&folded)
            && !existing.contains(&format!("{folded}.part"))
            && std::fs::symlink_metadata(dir.join(candidate)).is_err()
    };
    if is_free(name) {
        return name.to_string();
    }
    let (stem, extension) = split_extension(name);
    let mut counter: u64 = 2;
    loop {
        let suffix = format!(" ({counter}){extension}");
        let room = MAX_NAME_BYTES.saturating_sub(suffix.len());
        let mut short_stem = fit(truncate_at_char(stem, room), room);
        if short_stem.is_empty() {
            short_stem.push_str("clip");
        }
        let candidate = format!("{short_stem}{suffix}");
        if is_free(&candidate) {
            return candidate;
        }
        counter += 1;
    }
}

fn folded_names_in(dir: &Path) -> HashSet<String> {
    // A folder that does not exist yet holds nothing; the download creates it.
    let Ok(entries) = std::fs::read_dir(dir) else {
        return HashSet::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| fold_case(&entry.file_name().to_string_lossy()))
        .collect()
}

fn fold_case(name: &str) -> String {
    name.to_lowercase()
}

/// `("a.b", ".mp4")` for `"a.b.mp4"`; a leading dot is not an extension.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    }
}
