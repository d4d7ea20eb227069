//! What a fresh machine needs before the app builds and the tests run.
//! Each kind of requirement has one list here; `prepare` installs what is missing.

use crate::process::{heading, on_path, status, succeeds};
use std::process::{Command, Stdio};

/// Debian packages: the WebKitGTK build of Tauri, a virtual display, a D-Bus
/// session with a Secret Service, the WebKit WebDriver for window tests,
/// Chromium for the front end's own tests, a colour emoji font, so clip
/// titles with emoji look in the test window (and its screenshots) as they do
/// on a desktop, and GStreamer's MP4 demuxer and H.264/AAC decoders, which a
/// desktop has and the window's player needs to play a clip.
pub const APT_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "curl",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libxdo-dev",
    "libdbus-1-dev",
    "pkg-config",
    "xvfb",
    "xauth",
    "dbus-x11",
    "gnome-keyring",
    "libsecret-1-dev",
    "libsecret-tools",
    "webkit2gtk-driver",
    "chromium",
    "fonts-noto-color-emoji",
    "gstreamer1.0-plugins-good",
    "gstreamer1.0-libav",
    // The window's test of an external drive unplugged mid-download (an exFAT image on a
    // loop device, mounted with FUSE), which runs before the platform checks install them.
    "exfat-fuse",
    "exfatprogs",
];

/// Node.js for the front end's tests, from apt only when no `node` is on PATH:
/// a newer Node installed another way must not be replaced by Debian's.
pub const NODE_APT_PACKAGES: &[&str] = &["nodejs", "npm"];

/// Toolchain components the checks use: (cargo subcommand, rustup component).
pub const RUST_COMPONENTS: &[(&str, &str)] = &[("fmt", "rustfmt"), ("clippy", "clippy")];

/// Binaries installed with `cargo install` when missing from PATH:
/// (binary, crate, version requirement).
/// tauri-driver runs the app under WebKitWebDriver for the end-to-end tests.
pub const CARGO_TOOLS: &[(&str, &str, &str)] = &[("tauri-driver", "tauri-driver", "^2")];

/// What the machine is being prepared for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Run,
    Test,
}

pub fn prepare(purpose: Purpose) -> Result<(), String> {
    heading("Machine setup (system packages, toolchain components)");
    let mut packages = APT_PACKAGES.to_vec();
    if purpose == Purpose::Test && !on_path("node") {
        packages.extend_from_slice(NODE_APT_PACKAGES);
    }
    ensure_apt_packages(&packages)?;
    if purpose == Purpose::Test {
        for &(subcommand, component) in RUST_COMPONENTS {
            ensure_rust_component(subcommand, component)?;
        }
        for &(binary, krate, version) in CARGO_TOOLS {
            ensure_cargo_tool(binary, krate, version)?;
        }
    }
    Ok(())
}

pub fn ensure_apt_packages(packages: &[&str]) -> Result<(), String> {
    if !on_path("dpkg-query") {
        println!(
            "Not a Debian-based system: make sure the equivalents of these are installed:\n  {}",
            packages.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| !is_installed(package))
        .collect();
    if missing.is_empty() {
        println!("All {} packages are installed.", packages.len());
        return Ok(());
    }
    println!("Missing: {}", missing.join(" "));

    let Some(privilege) = Privilege::current() else {
        println!(
            "Not root and no sudo: install them yourself with\n  apt-get install -y --no-install-recommends {}",
            missing.join(" ")
        );
        return Ok(());
    };
    let apt = |args: &[&str]| {
        let mut command = privilege.command("apt-get");
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    if !succeeds(&mut apt(&["update"]))? {
        return Err("apt-get update failed".into());
    }
    let mut install = apt(&["install", "-y", "--no-install-recommends"]);
    install.args(&missing);
    if !succeeds(&mut install)? {
        return Err(format!("apt-get install failed for: {}", missing.join(" ")));
    }
    Ok(())
}

fn is_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "install ok installed")
}

enum Privilege {
    Root,
    Sudo,
}

impl Privilege {
    fn current() -> Option<Self> {
        let uid = Command::new("id").arg("-u").output().ok()?;
        if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
            Some(Self::Root)
        } else if on_path("sudo") {
            Some(Self::Sudo)
        } else {
            None
        }
    }

    fn command(&self, program: &str) -> Command {
        match self {
            Self::Root => Command::new(program),
            Self::Sudo => {
                let mut command = Command::new("sudo");
                command.arg(program);
                command
            }
        }
    }
}

fn ensure_cargo_tool(binary: &str, krate: &str, version: &str) -> Result<(), String> {
    if on_path(binary) {
        println!("{binary} is installed.");
        return Ok(());
    }
    println!("Installing {binary} ({krate} {version})");
    let mut install = crate::process::cargo();
    install.args(["install", krate, "--version", version, "--locked"]);
    if status(&mut install)?.success() {
        Ok(())
    } else {
        Err(format!("cargo install {krate} failed"))
    }
}

fn ensure_rust_component(subcommand: &str, component: &str) -> Result<(), String> {
    let present = crate::process::cargo()
        .args([subcommand, "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if present {
        return Ok(());
    }
    if !on_path("rustup") {
        return Err(format!(
            "`cargo {subcommand}` is missing; install the {component} component of your toolchain"
        ));
    }
    println!("Installing the {component} toolchain component");
    if succeeds(Command::new("rustup").args(["component", "add", component]))? {
        Ok(())
    } else {
        Err(format!("rustup component add {component} failed"))
    }
}
