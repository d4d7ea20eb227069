//! Downloads onto the file systems editors' external drives use: exFAT and FAT32, real
//! volumes mounted through a loop device and FUSE by `cargo xtask test`, which names them in
//! WAYIN_TEST_EXFAT_DIR and WAYIN_TEST_FAT32_DIR. They have no hard links (the usual
//! no-clobber move), refuse some names, and FAT32 holds no file of 4 GiB or more.
//!
//! Ignored under plain `cargo test` (nothing is mounted); the xtask runs them with
//! `--ignored`, and then a missing variable is a failure, never a silent pass.

#![cfg(target_os = "linux")]

mod common;

use std::path::PathBuf;

use common::{engine, files_under, plan, within};
use engine::store::DownloadState;
use engine::volume::{file_system_of, FileSystem};
use wayin_api::ExportRequest;

fn mounted(variable: &str) -> PathBuf {
    let root = std::env::var_os(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("{variable} names no mounted volume"));
    // Each test gets its own folder on the shared volume.
    let dir = tempfile::Builder::new()
        .prefix("t")
        .tempdir_in(&root)
        .unwrap()
        .keep();
    assert!(dir.starts_with(&root));
    dir
}

fn exfat() -> PathBuf {
    mounted("WAYIN_TEST_EXFAT_DIR")
}

fn fat32() -> PathBuf {
    mounted("WAYIN_TEST_FAT32_DIR")
}

#[test]
#[ignore = "needs the exFAT and FAT32 volumes cargo xtask test mounts"]
fn the_mounted_volumes_are_recognised() {
    assert_eq!(file_system_of(&exfat()), Some(FileSystem::ExFat));
    assert_eq!(file_system_of(&fat32()), Some(FileSystem::Fat32));
    let local = tempfile::tempdir().unwrap();
    assert_ne!(file_system_of(local.path()), Some(FileSystem::Fat32));
}

#[test]
#[ignore = "needs the exFAT and FAT32 volumes cargo xtask test mounts"]
fn hard_links_are_refused_there_as_on_real_drives() {
    // The premise of the tests below: on these volumes the no-clobber move cannot use a
    // hard link and must take its fallback.
    for dir in [exfat(), fat32()] {
        std::fs::write(dir.join("a"), b"x").unwrap();
        assert!(std::fs::hard_link(dir.join("a"), dir.join("b")).is_err());
    }
}

/// Tried: titles with characters FAT and exFAT refuse (`:*?"<>|\`), a device name, a path
/// that climbs, trailing dots and spaces, emoji and accents, two equal titles — plus a file already
/// sitting under the first clip's name, which must be left untouched.
async fn hostile_titles_land_on(dir: PathBuf) -> Vec<String> {
    let hostile = [
        "a/b\\c:d*?\"<>|",
        "CON",
        "../../x",
        "trailing dots...  ",
        "🎬 cut",
        "Café – ñ",
        "Same",
        "Same",
    ];
    let server = common::fake().await;
    server
        .control()
        .add_titled_project("proj_drive", &hostile, 4096);
    let data = tempfile::tempdir().unwrap();
    let engine = engine(data.path(), &server).await;
    let mut plan = plan(&dir);
    plan.name_template = "{title}.mp4".into();
    let squatter = dir.join("Same.mp4");
    std::fs::write(&squatter, b"the editor's own file").unwrap();

    let id = engine
        .submit(ExportRequest::new("proj_drive").unwrap(), plan)
        .await
        .unwrap();
    let outcome = within(60, engine.wait_export(id)).await.unwrap();
    assert!(
        outcome.complete,
        "{:?} {:?}",
        outcome.problem, outcome.downloads
    );

    assert_eq!(std::fs::read(&squatter).unwrap(), b"the editor's own file");
    for download in &outcome.downloads {
        assert_eq!(download.path.parent(), Some(dir.as_path()));
        let expected = server
            .control()
            .clip_file("proj_drive", download.idx)
            .unwrap();
        assert_eq!(
            std::fs::read(&download.path).unwrap(),
            expected,
            "{download:?}"
        );
    }
    let files = files_under(&dir);
    assert_eq!(files.len(), hostile.len() + 1, "{files:?}");
    assert!(
        files
            .iter()
            .all(|f| !f.to_string_lossy().ends_with(".part")),
        "{files:?}"
    );
    outcome
        .downloads
        .iter()
        .map(|d| d.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

#[tokio::test]
#[ignore = "needs the exFAT and FAT32 volumes cargo xtask test mounts"]
async fn hostile_titles_land_on_exfat_without_hard_links() {
    let names = hostile_titles_land_on(exfat()).await;
    assert!(
        names.contains(&"🎬 cut.mp4".to_string()),
        "exFAT keeps emoji: {names:?}"
    );
}

#[tokio::test]
#[ignore = "needs the exFAT and FAT32 volumes cargo xtask test mounts"]
async fn hostile_titles_land_on_fat32_without_hard_links() {
    // fusefat, like the FAT firmware of some cameras and recorders, refuses every name beyond
    // ASCII (the kernel's vfat takes them): those clips land under plain names instead of
    // failing.
    let names = hostile_titles_land_on(fat32()).await;
    assert!(names.contains(&"cut.mp4".to_string()), "{names:?}");
    assert!(names.contains(&"Cafe - n.mp4".to_string()), "{names:?}");
}

/// A 4K clip of 5 GiB (generated by the fake, never held in memory) into a FAT32 folder.
async fn five_gib_clip_into(dir: PathBuf) -> engine::store::DownloadRecord {
    let server = common::fake().await;
    server
        .control()
        .add_synthetic_project("proj_huge", 1, 5 << 30);
    let data = tempfile::tempdir().unwrap();
    let engine = engine(data.path(), &server).await;
    let id = engine
        .submit(ExportRequest::new("proj_huge").unwrap(), plan(&dir))
        .await
        .unwrap();
    let outcome = within(60, engine.wait_export(id)).await.unwrap();
    outcome.downloads.into_iter().next().expect("one download")
}

#[tokio::test]
#[ignore = "needs the exFAT and FAT32 volumes cargo xtask test mounts"]
async fn a_clip_over_4_gib_is_refused_on_fat32_before_downloading() {
    let dir = fat32();
    let download = five_gib_clip_into(dir.clone()).await;
    assert_eq!(download.state, DownloadState::Failed, "{download:?}");
    assert_eq!(download.error_kind.as_deref(), Some("too_large_for_drive"));
    let message = download.error.unwrap();
    assert!(message.contains("FAT32"), "{message}");
    assert!(message.contains("exFAT"), "says what to do: {message}");
    let written: u64 = files_under(&dir)
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    assert_eq!(written, 0, "nothing was downloaded");
}
