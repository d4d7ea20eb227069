//! `cargo xtask bench-app`: the desktop app's own figures, from the release build under
//! Xvfb, beside an empty Tauri app of the same Tauri version, window size and release
//! profile built and measured in the same run (`empty_tauri.rs`): binary size, cold start
//! to an interactive window, idle memory of each app with its web-view processes, and the
//! app's memory through a working session (`journey.rs`).
//!
//! "Interactive" is the page's first call into the shell, which the app logs with the time
//! since its process started. Memory is summed over the app and every process below it
//! (WebKit's web and network processes), as PSS (shared pages split fairly) and as RSS, at
//! the same time after start for both apps.

mod journey;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{cargo, heading, succeeds, workspace_root};
use crate::system_deps;

const RUNS: usize = 5;
/// When memory is read, counted from the process's start, for both apps alike.
const SETTLED: Duration = Duration::from_secs(12);
/// The app turns WebKit's compositing off on Linux (src-tauri/src/rendering.rs) unless this
/// variable is set; the reference runs set it both ways to show what that mode costs.
const COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

pub fn run(_args: &[String]) -> Result<std::process::ExitCode, String> {
    system_deps::prepare(system_deps::Purpose::Test)?;
    system_deps::ensure_apt_packages(&["xvfb"])?;

    heading("Building the release app (cargo build --release -p wayin-clip-exporter)");
    if !succeeds(cargo().args(["build", "--release", "-p", "wayin-clip-exporter"]))? {
        return Err("the release build failed".into());
    }
    let app = workspace_root().join("target/release/wayin-clip-exporter");
    heading("Building the empty Tauri app it is measured against");
    let anchors = crate::empty_tauri::build()?;
    let empty = anchors.standard.clone();

    heading(&format!(
        "Starting each app {RUNS} times under Xvfb (the app in demo mode), taking turns"
    ));
    let display = Xvfb::start()?;
    let (mut starts, mut app_memory, mut empty_memory) = (Vec::new(), Vec::new(), Vec::new());
    let (mut app_composited, mut empty_direct) = (Vec::new(), Vec::new());
    for run in 1..=RUNS {
        let (start_ms, memory) = one_run(&app, &["--demo"], &[], &display.name, true)?;
        let (_, anchor) = one_run(&empty, &[], &[], &display.name, false)?;
        let (_, composited) = one_run(
            &app,
            &["--demo"],
            &[(COMPOSITING, "0")],
            &display.name,
            true,
        )?;
        let (_, direct) = one_run(&empty, &[], &[(COMPOSITING, "1")], &display.name, false)?;
        println!(
            "run {run}: app interactive after {} ms; at {} s: app PSS {:.0} MB (RSS {:.0} MB, {} processes), empty Tauri PSS {:.0} MB (RSS {:.0} MB, {} processes); with WebKit's compositor the app {:.0} MB, without it the empty app {:.0} MB",
            start_ms.unwrap_or_default(),
            SETTLED.as_secs(),
            mib(memory.pss_kib),
            mib(memory.rss_kib),
            memory.processes,
            mib(anchor.pss_kib),
            mib(anchor.rss_kib),
            anchor.processes,
            mib(composited.pss_kib),
            mib(direct.pss_kib),
        );
        starts.extend(start_ms);
        app_memory.push(memory);
        empty_memory.push(anchor);
        app_composited.push(composited);
        empty_direct.push(direct);
    }
    drop(display);

    let journey = journey::measure(&app)?;

    starts.sort_unstable();
    let idle = median(app_memory);
    let anchor = median(empty_memory);
    let composited = median(app_composited);
    let direct = median(empty_direct);
    let size = file_size(&app)?;
    let anchor_size = file_size(&empty)?;
    let same_profile_size = file_size(&anchors.app_profile)?;
    heading("Results (median of the runs)");
    println!("                                      app        empty Tauri   ratio   goal");
    println!(
        "release binary                        {:>6.1} MB  {:>6.1} MB     {:.2}×   ≤ 2×",
        size as f64 / 1e6,
        anchor_size as f64 / 1e6,
        size as f64 / anchor_size as f64
    );
    println!(
        "  the empty app under the app's profile          {:>6.1} MB     {:.2}×",
        same_profile_size as f64 / 1e6,
        size as f64 / same_profile_size as f64
    );
    let ratio = |memory: Memory| memory.pss_kib as f64 / anchor.pss_kib.max(1) as f64;
    println!(
        "idle memory (PSS, at {} s)            {:>6.0} MB  {:>6.0} MB     {:.2}×   ≤ 1.1×",
        SETTLED.as_secs(),
        mib(idle.pss_kib),
        mib(anchor.pss_kib),
        ratio(idle)
    );
    println!(
        "idle memory (RSS)                     {:>6.0} MB  {:>6.0} MB",
        mib(idle.rss_kib),
        mib(anchor.rss_kib)
    );
    for (moment, label) in [
        ("project", "500-clip project opened, scrolled"),
        ("exported", "then a 3-clip export finished"),
    ] {
        let memory = journey.at(moment)?;
        println!(
            "{label:<38}{:>6.0} MB  {:>6.0} MB     {:.2}×   ≤ 1.5×",
            mib(memory.pss_kib),
            mib(anchor.pss_kib),
            ratio(memory)
        );
    }
    println!(
        "Where the idle memory goes (PSS at {} s):",
        SETTLED.as_secs()
    );
    println!(
        "  with WebKit's compositor (the default) the app takes {:.0} MB and the empty app {:.0} MB;",
        mib(composited.pss_kib),
        mib(anchor.pss_kib)
    );
    println!(
        "  without it (the app's default) the app takes {:.0} MB and the empty app {:.0} MB ({:.2}×).",
        mib(idle.pss_kib),
        mib(direct.pss_kib),
        idle.pss_kib as f64 / direct.pss_kib.max(1) as f64
    );
    if let Some(start) = starts.get(starts.len() / 2) {
        println!("cold start to interactive             {start:>6} ms (target < 1500 ms)");
    }
    println!(
        "500-clip grid render time: measured by the interface tests (`cargo xtask test-ui`, clip-grid test)"
    );
    Ok(std::process::ExitCode::SUCCESS)
}

fn median(mut runs: Vec<Memory>) -> Memory {
    runs.sort_by_key(|m| m.pss_kib);
    runs[runs.len() / 2]
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn file_size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|meta| meta.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[derive(Clone, Copy)]
struct Memory {
    pss_kib: u64,
    rss_kib: u64,
    processes: usize,
}

/// One cold start in a fresh profile: time to interactive (when the app logs it), then memory
/// once `SETTLED` has passed since the start.
fn one_run(
    binary: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    display: &str,
    logs_interactive: bool,
) -> Result<(Option<u64>, Memory), String> {
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
        .args(args)
        .env("DISPLAY", display)
        .env("HOME", &profile)
        .env("XDG_DATA_HOME", profile.join("data"))
        .env("XDG_CONFIG_HOME", profile.join("config"))
        .env("XDG_CACHE_HOME", profile.join("cache"))
        .env("XDG_RUNTIME_DIR", profile.join("runtime"))
        .env("RUST_LOG", "wayin::startup=info")
        .env("NO_COLOR", "1")
        .env_remove(COMPOSITING)
        .envs(env.iter().copied())
        // The app's log goes to stdout.
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let started = Instant::now();
    let mut app = command
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", binary.display()))?;
    let result = measure(&mut app, started, logs_interactive);
    stop_group(&mut app);
    let _ = std::fs::remove_dir_all(&profile);
    result
}

fn measure(
    app: &mut Child,
    started: Instant,
    logs_interactive: bool,
) -> Result<(Option<u64>, Memory), String> {
    let start_ms = if logs_interactive {
        Some(interactive_after(app)?)
    } else {
        None
    };
    std::thread::sleep(SETTLED.saturating_sub(started.elapsed()));
    Ok((start_ms, tree_memory(app.id())))
}

/// The start-up time the app logs when its page first calls it.
fn interactive_after(app: &mut Child) -> Result<u64, String> {
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
    Ok(start_ms)
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
