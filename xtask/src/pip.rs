//! Installing command-line tools published on PyPI (actionlint, zig, cargo-zigbuild) with the
//! machine's own Python: pip brought in when missing, a user install where the system owns the
//! interpreter's packages, and the scripts found wherever pip put them.

use crate::process::describe;
use std::path::{Path, PathBuf};
use std::process::Command;

/// python3, or `python` where that is the only name (Windows).
pub fn python() -> Result<String, String> {
    ["python3", "python"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|out| out.status.success())
        })
        .map(String::from)
        .ok_or_else(|| "Python 3 (python3) is needed to install tools with pip".into())
}

/// Asks Python where pip puts commands: the interpreter's scripts folder (a
/// pyenv version's bin, a venv's bin) and the user scheme's
/// (`python3 -m site --user-base`/bin, or Scripts on Windows).
const SCRIPT_DIRS: &str = r#"
import os, site, sysconfig
print(sysconfig.get_path("scripts"))
try:
    print(sysconfig.get_path("scripts", sysconfig.get_preferred_scheme("user")))
except Exception:
    pass
print(os.path.join(site.getuserbase(), "Scripts" if os.name == "nt" else "bin"))
"#;

/// The command `name` as pip installed it for `python`, wherever pip put it.
pub fn installed_script(python: &str, name: &str) -> Option<PathBuf> {
    let out = Command::new(python)
        .args(["-c", SCRIPT_DIRS])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|dir| Path::new(dir.trim()).join(name))
        .find(|candidate| candidate.is_file())
}

/// Debian's python3 comes without pip; python3-pip brings it.
pub fn ensure_pip(python: &str) -> Result<(), String> {
    if has_pip(python) {
        return Ok(());
    }
    crate::system_deps::ensure_apt_packages(&["python3-pip"])?;
    if has_pip(python) {
        Ok(())
    } else {
        Err(format!(
            "{python} has no pip: install pip (python3-pip on Debian)"
        ))
    }
}

fn has_pip(python: &str) -> bool {
    Command::new(python)
        .args(["-m", "pip", "--version"])
        .output()
        .is_ok_and(|out| out.status.success())
}

/// An interpreter whose packages belong to the system (PEP 668, Debian's
/// python3) refuses pip outside a venv; a user install there leaves the
/// system's packages alone, which is what the marker protects.
const EXTERNALLY_MANAGED: &str = r#"
import os, sys, sysconfig
in_venv = sys.prefix != sys.base_prefix
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
print("yes" if not in_venv and os.path.exists(marker) else "no")
"#;

fn externally_managed(python: &str) -> bool {
    Command::new(python)
        .args(["-c", EXTERNALLY_MANAGED])
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "yes")
}

/// Ok(true) once `packages` are installed. pip's output is shown only when it
/// fails, and then only its last lines: a failed source build prints hundreds.
/// Where the interpreter's own folder is not writable, pip is asked again for
/// a user install.
pub fn install(python: &str, packages: &[&str]) -> Result<bool, String> {
    let user_only = externally_managed(python);
    let mut user = user_only;
    loop {
        let mut command = Command::new(python);
        command.args(["-m", "pip", "install", "--disable-pip-version-check"]);
        if user {
            command.arg("--user");
        }
        if user_only {
            command.arg("--break-system-packages");
        }
        // Tools come as prebuilt binaries: never build one from source.
        command.arg("--only-binary=:all:").args(packages);
        let out = command
            .output()
            .map_err(|err| format!("could not start {}: {err}", describe(&command)))?;
        if out.status.success() {
            return Ok(true);
        }
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        println!("{} failed:", describe(&command));
        for line in last_lines(&text, 6) {
            println!("  {line}");
        }
        let not_writable = text.contains("Permission denied") || text.contains("[Errno 13]");
        if user || !not_writable {
            return Ok(false);
        }
        user = true;
    }
}

/// The last `count` non-empty lines, where pip says what went wrong.
fn last_lines(text: &str, count: usize) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(count)..].to_vec()
}
