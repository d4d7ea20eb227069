//! `cargo xtask bench-app`: the desktop app's own figures, from the release build under
//! Xvfb: binary size, cold start to an interactive window, and idle memory of the app
//! with its web-view processes.
//!
//! "Interactive" is the page's first call into the shell, which the app logs with the time
//! since its process started. Memory is summed over the app and every process below it
//! (WebKit's web and network processes), as PSS (shared pages split fairly) and as RSS.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{cargo, heading, succeeds, workspace_root};
use crate::system_deps;

const RUNS: usize = 5;
const IDLE: Duration = Duration::from_secs(5);

pub fn run(_args: &[String]) -> Result<std::process::ExitCode, String> {
    system_deps::prepare(system_deps::Purpose::Run)?;
    system_deps::ensure_apt_packages(&["xvfb"])?;

    heading("Building the release app (cargo build --release -p wayin-clip-exporter)");
    if !succeeds(cargo().args(["build", "--release", "-p", "wayin-clip-exporter"]))? {
        return Err("the release build failed".into());
    }
    let binary = workspace_root().join("target/release/wayin-clip-exporter");
    let size = std::fs::metadata(&binary).map_err(|e| e.to_string())?.len();

    heading(&format!(
        "Starting the app {RUNS} times under Xvfb (demo mode)"
    ));
    let display = Xvfb::start()?;
    let mut starts = Vec::new();
    let mut memory = Vec::new();
    for run in 1..=RUNS {
        let (start_ms, idle) = one_run(&binary, &display.name)?;
        println!(
            "run {run}: interactive after {start_ms} ms; after {} s idle: PSS {:.0} MB, RSS {:.0} MB over {} processes",
            IDLE.as_secs(),
            idle.pss_kib as f64 / 1024.0,
            idle.rss_kib as f64 / 1024.0,
            idle.processes
        );
        starts.push(start_ms);
        memory.push(idle);
    }
    drop(display);

    starts.sort_unstable();
    memory.sort_by_key(|m| m.pss_kib);
    let start = starts[RUNS / 2];
    let idle = memory[RUNS / 2];
    heading("Results (median of the runs)");
    println!(
        "release binary:            {:.1} MB (target < 15 MB)",
        size as f64 / 1e6
    );
    println!("cold start to interactive: {start} ms (target < 1500 ms)");
    println!(
        "idle memory, app + web view: PSS {:.0} MB, RSS {:.0} MB (target < 150 MB)",
        idle.pss_kib as f64 / 1024.0,
        idle.rss_kib as f64 / 1024.0
    );
    println!(
        "500-clip grid: measured by the interface tests (`cargo xtask test-ui`, clip-grid test)"
    );
    Ok(std::process::ExitCode::SUCCESS)
}

#[derive(Clone, Copy)]
struct Memory {
    pss_kib: u64,
    rss_kib: u64,
    processes: usize,
}

/// One cold start in a fresh profile: time to interactive, then memory after idling.
fn one_run(binary: &Path, display: &str) -> Result<(u64, Memory), String> {
    let profile = std::env::temp_dir().join(format!("wayin-bench-app-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    for dir in ["data", "config", "cache", "runtime"] {
        std::fs::create_dir_all(profile.join(dir)).map_err(|e| e.to_string())?;
    }
    #[cfg(unix)]
    {
        // WebKit refuses a runtime folder other users can read.
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::Permissions::from_mode(0o700);
        std::fs::set_permissions(profile.join("runtime"), private).map_err(|e| e.to_string())?;
    }
    let mut command = Command::new(binary);
    command
        .arg("--demo")
        .env("DISPLAY", display)
        .env("HOME", &profile)
        .env("XDG_DATA_HOME", profile.join("data"))
        .env("XDG_CONFIG_HOME", profile.join("config"))
        .env("XDG_CACHE_HOME", profile.join("cache"))
        .env("XDG_RUNTIME_DIR", profile.join("runtime"))
        .env("RUST_LOG", "wayin::startup=info")
        .env("NO_COLOR", "1")
        // The app's log goes to stdout.
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut app = command
        .spawn()
        .map_err(|e| format!("could not start the app: {e}"))?;
    let result = measure(&mut app);
    stop_group(&mut app);
    let _ = std::fs::remove_dir_all(&profile);
    result
}

fn measure(app: &mut Child) -> Result<(u64, Memory), String> {
    let stdout = app.stdout.take().ok_or("the app has no stdout")?;
    let (found, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("window interactive") {
                let _ = found.send(line);
            }
        }
    });
    let line = lines
        .recv_timeout(Duration::from_secs(60))
        .map_err(|_| "the window did not become interactive within 60 s".to_string())?;
    let start_ms = line
        .split("elapsed_ms=")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse().ok())
        .ok_or_else(|| format!("no start-up time in {line:?}"))?;
    std::thread::sleep(IDLE);
    Ok((start_ms, tree_memory(app.id())))
}

/// PSS and RSS summed over `pid` and all its descendants.
fn tree_memory(pid: u32) -> Memory {
    let mut total = Memory {
        pss_kib: 0,
        rss_kib: 0,
        processes: 0,
    };
    let mut pending = vec![pid];
    while let Some(next) = pending.pop() {
        total.processes += 1;
        total.pss_kib += field_kib(&format!("/proc/{next}/smaps_rollup"), "Pss:");
        total.rss_kib += field_kib(&format!("/proc/{next}/status"), "VmRSS:");
        pending.extend(children(next));
    }
    total
}

fn children(pid: u32) -> Vec<u32> {
    let tasks = PathBuf::from(format!("/proc/{pid}/task"));
    let mut found = Vec::new();
    for task in std::fs::read_dir(tasks).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        found.extend(
            text.split_whitespace()
                .filter_map(|p| p.parse::<u32>().ok()),
        );
    }
    found
}

fn field_kib(path: &str, field: &str) -> u64 {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .unwrap_or(0)
}

fn stop_group(app: &mut Child) {
    let group = format!("-{}", app.id());
    let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if matches!(app.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
    let _ = app.wait();
}

/// A private X display for the runs, stopped when dropped.
struct Xvfb {
    child: Child,
    name: String,
}

impl Xvfb {
    fn start() -> Result<Self, String> {
        let number = (90..99)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .ok_or("no free X display between :90 and :98")?;
        let name = format!(":{number}");
        let child = Command::new("Xvfb")
            .args([
                name.as_str(),
                "-screen",
                "0",
                "1400x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start Xvfb: {e}"))?;
        let socket = format!("/tmp/.X11-unix/X{number}");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !Path::new(&socket).exists() {
            if Instant::now() > deadline {
                return Err("Xvfb did not start".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Self { child, name })
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
