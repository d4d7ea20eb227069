//! Real exFAT and FAT32 volumes for the engine's external-drive tests: image files on a
//! loop device, mounted with FUSE drivers (exfat-fuse, fusefat) so no kernel module is
//! needed. Mounting needs root; elsewhere the tests are reported as skipped, with why.

use crate::process::{cargo, heading, stream, target_dir};
use crate::test_summary::TestSummary;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The engine's test binary, and the module in it whose tests need the volumes.
const TEST_TARGET: &str = "engine";
const TEST_FILTER: &str = "external_drives::";

struct Volume {
    variable: &'static str,
    mount_point: PathBuf,
    loop_device: String,
}

pub fn run(summary: &mut TestSummary) -> Result<bool, String> {
    heading("External drives: downloads onto real exFAT and FAT32 volumes");
    if let Some(reason) = why_not_here() {
        // The main test run lists them as ignored: they stay counted as skipped.
        println!("skipped: the external-drive tests ({reason}); they count as skipped");
        return Ok(true);
    }
    let root = target_dir().join("drives");
    let mut volumes = Vec::new();
    let mounted = mount("exfat", "WAYIN_TEST_EXFAT_DIR", &root, &mut volumes)
        .and_then(|()| mount("fat32", "WAYIN_TEST_FAT32_DIR", &root, &mut volumes));
    let outcome = match mounted {
        Ok(()) => run_tests(&volumes, summary),
        Err(message) => Err(message),
    };
    for volume in &volumes {
        unmount(volume);
    }
    outcome
}

fn why_not_here() -> Option<&'static str> {
    if !cfg!(target_os = "linux") {
        return Some("they mount volumes with Linux tools");
    }
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0");
    if !is_root {
        return Some("mounting a loop device needs root");
    }
    if !Path::new("/dev/loop-control").exists() || !Path::new("/dev/fuse").exists() {
        return Some("this machine has no loop devices or no FUSE");
    }
    None
}

fn mount(
    kind: &str,
    variable: &'static str,
    root: &Path,
    volumes: &mut Vec<Volume>,
) -> Result<(), String> {
    let image = root.join(format!("{kind}.img"));
    let mount_point = root.join(kind);
    // Leftovers of an interrupted run: a stale mount, then a fresh image each time.
    let _ = Command::new("umount")
        .arg(&mount_point)
        .stderr(Stdio::null())
        .status();
    let _ = std::fs::remove_dir_all(&mount_point);
    std::fs::create_dir_all(&mount_point).map_err(|err| err.to_string())?;
    let _ = std::fs::remove_file(&image);
    let file = std::fs::File::create(&image).map_err(|err| err.to_string())?;
    file.set_len(64 << 20).map_err(|err| err.to_string())?;
    drop(file);

    let format = match kind {
        "exfat" => quiet(Command::new("mkfs.exfat").arg(&image)),
        _ => quiet(Command::new("mkfs.vfat").args(["-F", "32"]).arg(&image)),
    };
    if !format {
        return Err(format!("could not format the {kind} image"));
    }
    let output = Command::new("losetup")
        .args(["--find", "--show"])
        .arg(&image)
        .output()
        .map_err(|err| format!("could not run losetup: {err}"))?;
    let loop_device = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if !output.status.success() || loop_device.is_empty() {
        return Err(format!("no loop device for the {kind} image"));
    }
    let mounted = match kind {
        "exfat" => quiet(
            Command::new("mount.exfat-fuse")
                .arg(&loop_device)
                .arg(&mount_point),
        ),
        _ => quiet(
            Command::new("fusefat")
                .args(["-o", "rw+"])
                .arg(&loop_device)
                .arg(&mount_point),
        ),
    };
    volumes.push(Volume {
        variable,
        mount_point: mount_point.clone(),
        loop_device,
    });
    if !mounted {
        return Err(format!("could not mount the {kind} volume"));
    }
    println!("{kind}: mounted at {}", mount_point.display());
    Ok(())
}

fn run_tests(volumes: &[Volume], summary: &mut TestSummary) -> Result<bool, String> {
    let mut command = cargo();
    // The whole workspace, as the main build: a single package would unify features
    // differently and rebuild dependencies.
    command.args([
        "test",
        "--workspace",
        "--test",
        TEST_TARGET,
        "--",
        "--ignored",
        TEST_FILTER,
    ]);
    for volume in volumes {
        command.env(volume.variable, &volume.mount_point);
    }
    let mut ran = TestSummary::default();
    let status = stream(&mut command, |line| ran.add_line(line))?;
    // The main run listed these same tests as ignored; they have now run.
    summary.ignored = summary.ignored.saturating_sub(ran.passed + ran.failed);
    summary.passed += ran.passed;
    summary.failed += ran.failed;
    summary.binaries += ran.binaries;
    Ok(status.success())
}

fn unmount(volume: &Volume) {
    let _ = Command::new("umount").arg(&volume.mount_point).status();
    let _ = Command::new("losetup")
        .args(["-d", &volume.loop_device])
        .status();
}

fn quiet(command: &mut Command) -> bool {
    command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
