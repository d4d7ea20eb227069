//! `cargo xtask run` and `cargo xtask demo`: build and start the desktop app.

use crate::process::{cargo, heading, status};
use crate::system_deps;
use std::process::ExitCode;

pub enum Mode {
    /// Use the stored key; fall back to demo mode when there is none.
    DemoIfNoKey,
    /// Always demo mode, against the fake API built into the app.
    Demo,
}

impl Mode {
    fn flag(&self) -> &'static str {
        match self {
            Mode::DemoIfNoKey => "--demo-if-no-key",
            Mode::Demo => "--demo",
        }
    }
}

pub fn app(mode: Mode, app_args: &[String]) -> Result<ExitCode, String> {
    system_deps::prepare(system_deps::Purpose::Run)?;
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        println!("Note: neither DISPLAY nor WAYLAND_DISPLAY is set; the window needs a desktop.");
    }

    heading("Building and starting Wayin Clip Exporter");
    let exit = status(
        cargo()
            .args(["run", "--package", "wayin-clip-exporter", "--"])
            .arg(mode.flag())
            .args(app_args),
    )?;
    Ok(match exit.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::FAILURE,
    })
}
