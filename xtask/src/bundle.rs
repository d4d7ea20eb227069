//! `cargo xtask bundle`: the desktop app's installable packages for the system
//! it runs on, built in release mode by the Tauri CLI.
//!
//! Linux gets a .deb and an .rpm, and an AppImage only when asked (`cargo xtask
//! release --appimage`): its bundler downloads its own tools while it builds,
//! which machines that reach only package registries cannot do. macOS (.app,
//! .dmg) and Windows (.msi, NSIS .exe) packages come from
//! `.github/workflows/desktop-builds.yml`; this command makes them too when run
//! on those systems.

use crate::process::{cargo, heading, status, succeeds, workspace_root};
use crate::system_deps;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::SystemTime;

/// The CLI's major version has to match the `tauri` crate's.
const TAURI_CLI_VERSION: &str = "^2";
const TAURI_CLI_VERSION_PREFIX: &str = "tauri-cli 2.";

/// One kind of package: its name for `--bundles`, the folder Tauri writes it
/// to under `bundle/`, and the extension of what it writes there.
struct Format {
    bundle: &'static str,
    folder: &'static str,
    extension: &'static str,
}

const LINUX: &[Format] = &[
    Format {
        bundle: "deb",
        folder: "deb",
        extension: "deb",
    },
    Format {
        bundle: "rpm",
        folder: "rpm",
        extension: "rpm",
    },
];

/// Linux's self-updating package, built only on request.
const APPIMAGE: Format = Format {
    bundle: "appimage",
    folder: "appimage",
    extension: "AppImage",
};

const MACOS: &[Format] = &[
    Format {
        bundle: "app",
        folder: "macos",
        extension: "app",
    },
    Format {
        bundle: "dmg",
        folder: "dmg",
        extension: "dmg",
    },
];

const WINDOWS: &[Format] = &[
    Format {
        bundle: "msi",
        folder: "msi",
        extension: "msi",
    },
    Format {
        bundle: "nsis",
        folder: "nsis",
        extension: "exe",
    },
];

fn formats(appimage: bool) -> Vec<&'static Format> {
    if cfg!(target_os = "macos") {
        MACOS.iter().collect()
    } else if cfg!(windows) {
        WINDOWS.iter().collect()
    } else {
        LINUX.iter().chain(appimage.then_some(&APPIMAGE)).collect()
    }
}

/// What to build beyond the usual packages, and how.
#[derive(Default)]
pub struct Request<'a> {
    /// Also the AppImage, on Linux.
    pub appimage: bool,
    /// Given to `cargo tauri build`.
    pub build_args: &'a [String],
    /// Set for the build: what the app is compiled with (`option_env!`).
    pub env: &'a [(&'static str, String)],
}

pub fn run(build_args: &[String]) -> Result<ExitCode, String> {
    let packages = build(&Request {
        build_args,
        ..Request::default()
    })?;
    heading("Packages");
    for path in &packages {
        println!("  {}  ({})", path.display(), describe_size(path));
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds the packages and returns the ones this build made.
pub fn build(request: &Request) -> Result<Vec<PathBuf>, String> {
    system_deps::prepare(system_deps::Purpose::Run)?;
    ensure_tauri_cli()?;

    let formats = formats(request.appimage);
    let bundles: Vec<&str> = formats.iter().map(|format| format.bundle).collect();
    let bundles = bundles.join(",");
    heading(&format!(
        "Building the packages (cargo tauri build --bundles {bundles})"
    ));
    // Everything this run writes is newer than this; older packages in the
    // same folders (other versions) are not reported as this run's.
    let started = SystemTime::now();
    let mut build = cargo();
    build
        .current_dir(workspace_root().join("src-tauri"))
        .args(["tauri", "build", "--bundles", &bundles])
        .args(request.build_args)
        .envs(request.env.iter().map(|(name, value)| (name, value)));
    let exit = status(&mut build)?;
    if !exit.success() {
        return Err(format!("cargo tauri build failed ({exit})"));
    }

    let bundle_dir = output_dir(request.build_args).join("bundle");
    let packages: Vec<PathBuf> = formats
        .iter()
        .flat_map(|format| made_since(&bundle_dir.join(format.folder), format.extension, started))
        .collect();
    if packages.is_empty() {
        return Err(format!(
            "the build succeeded but no new package is in {}",
            bundle_dir.display()
        ));
    }
    Ok(packages)
}

fn ensure_tauri_cli() -> Result<(), String> {
    heading("Tauri CLI");
    let installed = cargo()
        .args(["tauri", "--version"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    match installed {
        Some(version) if version.starts_with(TAURI_CLI_VERSION_PREFIX) => {
            println!("{version} is installed.");
            return Ok(());
        }
        Some(version) => println!("{version} is installed; this app needs tauri-cli 2."),
        None => println!("`cargo tauri` is missing."),
    }
    println!("Installing tauri-cli {TAURI_CLI_VERSION} (about 15 minutes on two cores)");
    let mut install = cargo();
    install.args([
        "install",
        "tauri-cli",
        "--version",
        TAURI_CLI_VERSION,
        "--locked",
    ]);
    if succeeds(&mut install)? {
        Ok(())
    } else {
        Err("cargo install tauri-cli failed".into())
    }
}

/// Where cargo puts the release (or `--debug`) build for the given
/// `cargo tauri build` arguments, so the report points at the right files.
pub fn output_dir(build_args: &[String]) -> PathBuf {
    // A relative CARGO_TARGET_DIR counts from where cargo runs: src-tauri.
    let mut dir = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join("src-tauri").join(dir),
        None => workspace_root().join("target"),
    };
    if let Some(triple) = flag_value(build_args, "--target", "-t") {
        dir.push(triple);
    }
    let debug = build_args.iter().any(|arg| arg == "--debug" || arg == "-d");
    dir.push(if debug { "debug" } else { "release" });
    dir
}

fn flag_value<'a>(args: &'a [String], long: &str, short: &str) -> Option<&'a str> {
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == long || arg == short {
            return args.next().map(String::as_str);
        }
        if let Some(value) = arg.strip_prefix(long).and_then(|v| v.strip_prefix('=')) {
            return Some(value);
        }
    }
    None
}

fn made_since(folder: &Path, extension: &str, since: SystemTime) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .filter(|path| {
            path.metadata()
                .and_then(|meta| meta.modified())
                .is_ok_and(|modified| modified >= since)
        })
        .collect();
    paths.sort();
    paths
}

pub fn describe_size(path: &Path) -> String {
    match path.metadata() {
        Ok(meta) if meta.is_file() => {
            format!("{:.1} MiB", meta.len() as f64 / (1024.0 * 1024.0))
        }
        Ok(_) => "folder".into(),
        Err(err) => format!("unreadable: {err}"),
    }
}
