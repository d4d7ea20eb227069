//! An isolated desktop session to run tests in (Linux): its own XDG folders
//! and HOME in a temp dir, a virtual display, a D-Bus session bus and an
//! unlocked Secret Service. Nothing it starts outlives it.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const SCRIPT: &str = include_str!("session.sh");
/// session.sh's exit code when the display number turned out to be taken.
const DISPLAY_TAKEN: i32 = 75;
const FIRST_DISPLAY: u32 = 97;
/// Marks every process of a session so leftovers can be found by environment.
const MARKER: &str = "WAYIN_XTASK_SESSION";
/// Session folders are named `<prefix><xtask pid>-<stamp>`.
const DIR_PREFIX: &str = "wayin-session-";

pub struct Session {
    dir: PathBuf,
    time_limit: Duration,
}

impl Session {
    /// `time_limit` bounds one run: a hung test must not hold CI until it is killed.
    pub fn create(time_limit: Duration) -> Result<Self, String> {
        remove_stale_sessions();
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let dir =
            std::env::temp_dir().join(format!("{DIR_PREFIX}{}-{stamp:x}", std::process::id()));
        let session = Self { dir, time_limit };
        session.lay_out().map_err(|err| {
            format!(
                "could not prepare session folder {}: {err}",
                session.dir.display()
            )
        })?;
        Ok(session)
    }

    fn lay_out(&self) -> std::io::Result<()> {
        for sub in ["data", "config", "cache", "runtime", "home"] {
            fs::create_dir_all(self.dir.join(sub))?;
        }
        fs::set_permissions(self.dir.join("runtime"), fs::Permissions::from_mode(0o700))?;
        fs::write(self.dir.join("session.sh"), SCRIPT)
    }

    /// Runs `program args` inside the session. Its stdout goes through
    /// `on_line` one line at a time; stderr goes straight to the terminal.
    pub fn run(
        &self,
        program: &Path,
        args: &[String],
        mut on_line: impl FnMut(&str) + Send,
    ) -> Result<ExitStatus, String> {
        let mut display = FIRST_DISPLAY;
        for _ in 0..10 {
            display = next_free_display(display);
            let status = self.run_on_display(display, program, args, &mut on_line)?;
            if status.code() != Some(DISPLAY_TAKEN) {
                return Ok(status);
            }
            display += 1;
        }
        Err("no free X display found for Xvfb".into())
    }

    fn run_on_display(
        &self,
        display: u32,
        program: &Path,
        args: &[String],
        on_line: &mut (impl FnMut(&str) + Send),
    ) -> Result<ExitStatus, String> {
        let mut command = Command::new("sh");
        command
            .arg(self.dir.join("session.sh"))
            .arg(display.to_string())
            .arg(program)
            .args(args);
        crate::process::forget_xtask_package(&mut command);
        self.set_environment(&mut command);
        command
            .current_dir(crate::process::workspace_root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            // Its own group, so the whole session can be ended at once.
            .process_group(0);
        let mut child = command
            .spawn()
            .map_err(|err| format!("could not start the test session: {err}"))?;
        let lifeline = child.stdin.take();
        let stdout = child.stdout.take();

        std::thread::scope(|scope| {
            let reader = scope.spawn(move || {
                if let Some(stdout) = stdout {
                    crate::process::forward_lines(stdout, on_line);
                }
            });
            let status = self.wait_within_limit(&mut child);
            drop(lifeline);
            self.end_leftovers(&child);
            let _ = reader.join();
            status.map_err(|err| format!("lost track of the test session: {err}"))
        })
    }

    fn wait_within_limit(&self, child: &mut Child) -> std::io::Result<ExitStatus> {
        let deadline = Instant::now() + self.time_limit;
        loop {
            if let Some(status) = child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() >= deadline {
                eprintln!(
                    "\nxtask: stopping the session: it ran longer than {} minutes",
                    self.time_limit.as_secs() / 60
                );
                return end_group(child);
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn set_environment(&self, command: &mut Command) {
        // HOME moves into the session, so pin the toolchain to where it is now.
        let home = std::env::var_os("HOME").map(PathBuf::from);
        for (var, default) in [("CARGO_HOME", ".cargo"), ("RUSTUP_HOME", ".rustup")] {
            if std::env::var_os(var).is_none() {
                if let Some(home) = &home {
                    command.env(var, home.join(default));
                }
            }
        }
        command
            .env("HOME", self.dir.join("home"))
            .env("XDG_DATA_HOME", self.dir.join("data"))
            .env("XDG_CONFIG_HOME", self.dir.join("config"))
            .env("XDG_CACHE_HOME", self.dir.join("cache"))
            .env("XDG_RUNTIME_DIR", self.dir.join("runtime"))
            .env("WAYIN_TEST_SECRET_SERVICE", "1")
            .env(MARKER, &self.dir)
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("GNOME_KEYRING_CONTROL")
            .env_remove("SSH_AUTH_SOCK");
    }

    /// Ends the session's process group, then anything else that carries the
    /// session's marker (daemons that moved to a group of their own).
    fn end_leftovers(&self, child: &Child) {
        signal(&format!("-{}", child.id()), "TERM");
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            let pids = self.marked_processes();
            if pids.is_empty() {
                return;
            }
            let signal_name = if Instant::now() < deadline {
                "TERM"
            } else {
                "KILL"
            };
            for pid in &pids {
                signal(&pid.to_string(), signal_name);
            }
            if signal_name == "KILL" {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn marked_processes(&self) -> Vec<u32> {
        let wanted = format!("{MARKER}={}", self.dir.display());
        let own = std::process::id();
        let Ok(entries) = fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|&pid| pid != own && is_alive(pid))
            .filter(|pid| {
                fs::read(format!("/proc/{pid}/environ")).is_ok_and(|environ| {
                    environ
                        .split(|&byte| byte == 0)
                        .any(|var| var == wanted.as_bytes())
                })
            })
            .collect()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// TERM first so Xvfb can remove its lock file, KILL whatever is still there.
fn end_group(child: &mut Child) -> std::io::Result<ExitStatus> {
    let group = format!("-{}", child.id());
    signal(&group, "TERM");
    let grace = Instant::now() + Duration::from_secs(5);
    while Instant::now() < grace {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    signal(&group, "KILL");
    child.wait()
}

/// Folders left by a session whose xtask was killed before it could tidy up.
fn remove_stale_sessions() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name
            .to_str()
            .and_then(|name| name.strip_prefix(DIR_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{owner}")).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn next_free_display(from: u32) -> u32 {
    (from..from + 100)
        .find(|n| {
            !Path::new(&format!("/tmp/.X{n}-lock")).exists()
                && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
        })
        .unwrap_or(from)
}

/// Zombies keep their /proc entry until reaped; they need no signal.
fn is_alive(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'))
    })
}

/// Through the shell's own `kill`: minimal systems may have no kill binary.
/// `target` is a pid, or a negated pid for a whole process group.
fn signal(target: &str, name: &str) {
    let _ = Command::new("sh")
        .args(["-c", &format!("kill -{name} {target}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}
