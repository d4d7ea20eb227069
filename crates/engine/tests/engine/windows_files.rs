//! What Windows itself refuses or folds together, tried for real: these run only in the
//! Windows build of the tests (under Wine in `cargo xtask test`, natively on Windows).
//! Device names, names that differ only in case, trailing dots and spaces, folders past
//! the old 260-character path limit, and a file held open under the name a clip wants.

#![cfg(windows)]

use std::path::{Path, PathBuf};

use crate::common::{export_titled, fake, files_under};

#[tokio::test]
async fn device_names_with_and_without_extensions_become_real_files() {
    // Tried: every kind of DOS device name, bare, with extensions, in other cases and
    // with trailing spaces or dots, as Windows matches them.
    let titles = [
        "CON",
        "nul",
        "Com1",
        "LPT9",
        "AUX.mp4",
        "PRN.tar.gz",
        "nul .txt",
        "CON.",
    ];
    let server = fake().await;
    let out = tempfile::tempdir().unwrap();
    let names = export_titled(&server, &titles, out.path()).await;
    assert_eq!(files_under(out.path()).len(), titles.len(), "{names:?}");
    for name in &names {
        let stem = name
            .split('.')
            .next()
            .unwrap()
            .trim_end()
            .to_ascii_uppercase();
        assert!(
            !["CON", "NUL", "COM1", "LPT9", "AUX", "PRN"].contains(&stem.as_str()),
            "{name} is a device name"
        );
    }
}

#[tokio::test]
async fn names_differing_only_in_case_are_two_files() {
    // Windows folds case: "Intro.mp4" and "INTRO.mp4" are one name there.
    let server = fake().await;
    let out = tempfile::tempdir().unwrap();
    let names = export_titled(&server, &["Intro", "INTRO", "intro"], out.path()).await;
    let folded: std::collections::HashSet<_> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(folded.len(), 3, "{names:?}");
    assert_eq!(files_under(out.path()).len(), 3);
}

#[tokio::test]
async fn trailing_dots_and_spaces_do_not_merge_names() {
    // Windows drops trailing dots and spaces, so "Take 1. . ." would become "Take 1".
    let server = fake().await;
    let out = tempfile::tempdir().unwrap();
    let names = export_titled(&server, &["Take 1", "Take 1. . .", "Take 1   "], out.path()).await;
    assert_eq!(files_under(out.path()).len(), 3, "{names:?}");
    for name in &names {
        assert!(!name.ends_with(' ') && !name.ends_with('.'), "{name:?}");
    }
}

/// A folder whose full path is `length` characters long.
fn deep_folder(root: &Path, length: usize) -> PathBuf {
    let mut dir = root.to_path_buf();
    while dir.as_os_str().len() + 41 < length {
        dir.push("a".repeat(40));
    }
    let rest = length - dir.as_os_str().len() - 1;
    dir.push("b".repeat(rest.max(1)));
    dir
}

#[tokio::test]
async fn folders_near_and_past_260_characters_work() {
    // The old MAX_PATH: a download folder of 250 characters leaves no room for a clip's
    // name, one of 300 is past it; both must still receive their files.
    let server = fake().await;
    let root = tempfile::tempdir().unwrap();
    for length in [250, 300] {
        let out = deep_folder(root.path(), length);
        assert!(out.as_os_str().len() >= length - 1, "{}", out.display());
        let names = export_titled(&server, &["A clip title that is long enough"], &out).await;
        let file = out.join(&names[0]);
        assert!(file.as_os_str().len() > 260, "{}", file.display());
        assert!(std::fs::metadata(&file).unwrap().len() > 0);
    }
}

#[tokio::test]
async fn a_file_held_open_under_the_name_is_never_replaced() {
    // Windows will not let a file that is open be renamed over; it must not be touched
    // at all. The clip lands under the next free name.
    let server = fake().await;
    let out = tempfile::tempdir().unwrap();
    let taken = out.path().join("Keynote.mp4");
    std::fs::write(&taken, b"open in the editor").unwrap();
    let held = std::fs::File::open(&taken).unwrap();
    let names = export_titled(&server, &["Keynote"], out.path()).await;
    assert_ne!(names[0].to_lowercase(), "keynote.mp4", "{names:?}");
    drop(held);
    assert_eq!(std::fs::read(&taken).unwrap(), b"open in the editor");
}
