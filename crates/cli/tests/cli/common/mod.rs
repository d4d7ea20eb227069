//! Runs the built `wayin-export` against a local fake of the API, with its state in a
//! temp folder. Every run is checked for the key in its output.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fake_wayin::{FakeConfig, FakeServer};
use tempfile::TempDir;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

/// Distinctive, so finding it anywhere is certainly a leak.
pub const SECRET: &str = "wayin_sk_cli_test_Zq8rT2xV9kLm4NpB";
pub const PODCAST: &str = "proj_demo_podcast";
pub const MOMENTS: &str = "prj_demo_moments";

pub struct Harness {
    pub server: FakeServer,
    pub data_dir: TempDir,
    /// Output folders and anything else a test writes.
    pub work: TempDir,
    pub keychain_service: String,
}

pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.status.code().unwrap_or(-1)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// The lines the run printed as warnings.
    pub fn warnings(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|line| line.starts_with("warning:"))
            .collect()
    }

    /// The one-line reason of a failed run.
    pub fn error_line(&self) -> &str {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .collect();
        assert_eq!(lines.len(), 1, "exactly one error line:\n{}", self.stderr);
        lines[0]
    }

    pub fn describe(&self) -> String {
        format!(
            "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.status.code(),
            self.stdout,
            self.stderr
        )
    }
}

impl Harness {
    /// A fake that renders 50 times faster than the real service and enforces the
    /// vendor's 15-request limit over a 3 s window, so budgeting mistakes show up as 429s.
    pub async fn start() -> Harness {
        Self::with_config(FakeConfig {
            api_key: SECRET.to_owned(),
            speed: 50.0,
            rate_limit: 15,
            rate_window: Duration::from_secs(3),
            ..FakeConfig::default()
        })
        .await
    }

    pub async fn with_config(config: FakeConfig) -> Harness {
        let server = FakeServer::start(config).await.expect("fake starts");
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        Harness {
            server,
            data_dir: TempDir::new().unwrap(),
            work: TempDir::new().unwrap(),
            keychain_service: format!(
                "wayin-clip-exporter-cli-test-{}-{nanos}",
                std::process::id()
            ),
        }
    }

    pub fn out_dir(&self, name: &str) -> PathBuf {
        self.work.path().join(name)
    }

    /// The command with the key, API, data folder and budget of this harness. The
    /// keychain entry is one no real app uses.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_wayin-export"));
        command
            .args(args)
            .env_remove("WAYIN_LOG")
            .env_remove("RUST_LOG")
            .env("WAYIN_API_KEY", self.server.api_key())
            .env("WAYIN_API_BASE", self.server.base_url())
            .env("WAYIN_DATA_DIR", self.data_dir.path())
            .env("WAYIN_RATE_LIMIT", "15/3")
            .env("WAYIN_KEYCHAIN_SERVICE", &self.keychain_service)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        die_with_parent(&mut command);
        command
    }

    pub async fn run(&self, args: &[&str]) -> Run {
        finish(self.command(args), None).await
    }

    pub async fn run_with_stdin(&self, command: Command, stdin: &str) -> Run {
        finish(command, Some(stdin)).await
    }

    /// The key appears in no file of the data folder or the work folder.
    pub fn assert_key_in_no_file(&self) {
        for dir in [self.data_dir.path(), self.work.path()] {
            for file in files_under(dir) {
                let bytes = std::fs::read(&file).unwrap();
                assert!(
                    !contains(&bytes, SECRET.as_bytes()),
                    "the key is in {}",
                    file.display()
                );
            }
        }
    }
}

/// `kill_on_drop` needs the test to unwind; a test killed outright (a timeout in the
/// runner, Ctrl-C) would otherwise leave the command running against a dead server.
#[cfg(target_os = "linux")]
fn die_with_parent(command: &mut Command) {
    // SAFETY: prctl is async-signal-safe and touches nothing the parent owns.
    unsafe {
        command.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent(_command: &mut Command) {}

/// Starts the command. Wine, under load, now and then fails a process start with
/// ERROR_INTERNAL_ERROR (1359) that a second attempt does not; a real Windows never does.
fn spawn(command: &mut Command) -> tokio::process::Child {
    const WINE_INTERNAL_ERROR: i32 = 1359;
    let mut attempts = 0;
    loop {
        attempts += 1;
        match command.spawn() {
            Ok(child) => return child,
            Err(e)
                if cfg!(windows)
                    && e.raw_os_error() == Some(WINE_INTERNAL_ERROR)
                    && attempts < 3 =>
            {
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Err(e) => panic!("wayin-export starts: {e:?}"),
        }
    }
}

pub async fn finish(mut command: Command, stdin: Option<&str>) -> Run {
    if stdin.is_some() {
        command.stdin(Stdio::piped());
    }
    let mut child = spawn(&mut command);
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(text.as_bytes()).await.unwrap();
        drop(pipe);
    }
    finish_child(child).await
}

/// Waits for a command already started, and checks its output for the key.
pub async fn finish_child(child: tokio::process::Child) -> Run {
    let output = tokio::time::timeout(Duration::from_secs(120), child.wait_with_output())
        .await
        .expect("wayin-export finishes within 2 minutes")
        .unwrap();
    let run = Run {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert_no_key(&run);
    run
}

pub fn assert_no_key(run: &Run) {
    assert!(
        !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
        "the key was printed:\n{}",
        run.describe()
    );
}

pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Name → bytes of the regular files directly in `dir`.
pub fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
