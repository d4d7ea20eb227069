//! `cargo xtask bench`: `wayin-export` against `curl -o` on the same links from the same
//! local server, in one run, side by side: time, throughput and peak memory.
//!
//! The files land on the disk under `target/bench` (not a RAM disk), as an editor's would.
//! `wayin-export` syncs every file to the disk before calling it done; plain `curl -o`
//! does not, so `curl -o && sync` is shown as well.

mod upload;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{cargo, heading, succeeds, workspace_root};
use crate::system_deps;

const MIB: u64 = 1024 * 1024;

struct Options {
    single_mib: u64,
    parallel_mib: u64,
    rounds: usize,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Self {
            single_mib: 1024,
            parallel_mib: 256,
            rounds: 5,
        };
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let mut value = || -> Result<u64, String> {
                args.next()
                    .and_then(|v| v.parse().ok())
                    .filter(|&v| v > 0)
                    .ok_or_else(|| format!("{flag} takes a positive whole number"))
            };
            match flag.as_str() {
                "--single-mib" => options.single_mib = value()?,
                "--parallel-mib" => options.parallel_mib = value()?,
                "--rounds" => options.rounds = value()? as usize,
                other => {
                    return Err(format!(
                    "unknown bench option `{other}` (--single-mib N, --parallel-mib N, --rounds N)"
                ))
                }
            }
        }
        Ok(options)
    }
}

struct Row {
    place: &'static str,
    case: String,
    tool: &'static str,
    sample: Sample,
    bytes: u64,
}

/// One measured command: wall time, the system time and the peak resident memory of its
/// processes.
#[derive(Clone, Copy)]
struct Sample {
    seconds: f64,
    system_seconds: f64,
    peak_rss_kib: u64,
}

/// What `/usr/bin/time` reports of one process.
struct Usage {
    peak_rss_kib: u64,
    system_seconds: f64,
}

pub fn run(args: &[String]) -> Result<std::process::ExitCode, String> {
    let options = Options::parse(args)?;
    system_deps::prepare(system_deps::Purpose::Run)?;
    system_deps::ensure_apt_packages(&["curl", "time"])?;

    heading("Building release binaries (fake-wayin, wayin-export)");
    if !succeeds(cargo().args([
        "build",
        "--release",
        "-p",
        "fake-wayin",
        "-p",
        "wayin-export",
    ]))? || !succeeds(cargo().args([
        "build",
        "--release",
        "-p",
        "wayin-transfer",
        "--example",
        "upload",
    ]))? {
        return Err("the release build failed".into());
    }
    let release = workspace_root().join("target/release");
    let scratch = workspace_root().join("target/bench");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;

    heading("Starting the local API with synthetic clips");
    let mut server = FakeServer::start(&release, &options)?;
    let cli = Cli {
        binary: release.join("wayin-export"),
        base: server.base_url.clone(),
        key: server.api_key.clone(),
        scratch: scratch.clone(),
    };
    let single_task = cli.submit("proj_bench_single")?;
    let parallel_task = cli.submit("proj_bench_parallel")?;
    let single_links = cli.links_when_rendered(&single_task, 1)?;
    let parallel_links = cli.links_when_rendered(&parallel_task, 4)?;

    let mut places: Vec<(&'static str, PathBuf)> = vec![("disk", scratch.join("out"))];
    // A RAM disk takes the disk out of the comparison: what is left is the network path.
    let ram = PathBuf::from("/dev/shm");
    if ram.is_dir() {
        places.push((
            "RAM disk",
            ram.join(format!("wayin-bench-{}", std::process::id())),
        ));
    }
    let single_bytes = options.single_mib * MIB;
    let parallel_bytes = options.parallel_mib * MIB;
    let single = format!("1 × {} MiB", options.single_mib);
    let parallel = format!("4 × {} MiB at once", options.parallel_mib);
    let mut rows: Vec<Row> = Vec::new();
    for (place, out) in &places {
        heading(&format!(
            "Measuring on the {place} ({} rounds, median shown)",
            options.rounds
        ));
        let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); 6];
        for round in 1..=options.rounds {
            println!("round {round}/{}", options.rounds);
            samples[0].push(curl_all(&single_links, out, false, single_bytes)?);
            samples[1].push(curl_all(&single_links, out, true, single_bytes)?);
            samples[2].push(cli.download(&single_task, out, 1, single_bytes)?);
            samples[3].push(curl_all(&parallel_links, out, false, parallel_bytes)?);
            samples[4].push(curl_all(&parallel_links, out, true, parallel_bytes)?);
            samples[5].push(cli.download(&parallel_task, out, 4, parallel_bytes)?);
        }
        let _ = std::fs::remove_dir_all(out);
        let tools = [
            "curl -o",
            "curl -o && sync",
            "wayin-export",
            "4 × curl -o",
            "4 × (curl && sync)",
            "wayin-export",
        ];
        for (i, tool) in tools.into_iter().enumerate() {
            let (case, bytes) = if i < 3 {
                (&single, single_bytes)
            } else {
                (&parallel, 4 * parallel_bytes)
            };
            rows.push(Row {
                place,
                case: case.clone(),
                tool,
                sample: median(&samples[i]),
                bytes,
            });
        }
    }
    heading(&format!(
        "Measuring uploads of {} MiB ({} rounds, median shown)",
        options.single_mib, options.rounds
    ));
    let uploads = upload::measure(
        &release,
        &server,
        &scratch,
        options.single_mib,
        options.rounds,
    )?;
    server.stop();
    let _ = std::fs::remove_dir_all(&scratch);

    heading("Results");
    println!(
        "{:<9} {:<20} {:<20} {:>9} {:>12} {:>10} {:>11}",
        "where", "case", "tool", "time", "throughput", "sys time", "peak RSS"
    );
    for row in &rows {
        println!(
            "{:<9} {:<20} {:<20} {:>7.2} s {:>7.0} MiB/s {:>8.2} s {:>8.1} MB",
            row.place,
            row.case,
            row.tool,
            row.sample.seconds,
            row.bytes as f64 / MIB as f64 / row.sample.seconds,
            row.sample.system_seconds,
            row.sample.peak_rss_kib as f64 / 1024.0
        );
    }
    println!();
    for chunk in rows.chunks(6) {
        let t = |i: usize| chunk[i].sample.seconds;
        println!(
            "{}: wayin-export / (curl -o && sync): single {:.2}×, 4 at once {:.2}× (target ≤ 1.00×); / curl -o: single {:.2}×, 4 at once {:.2}× (target ≤ 1.20×)",
            chunk[0].place,
            t(2) / t(1),
            t(5) / t(4),
            t(2) / t(0),
            t(5) / t(3)
        );
    }
    let peak = rows
        .iter()
        .filter(|r| r.tool == "wayin-export")
        .map(|r| r.sample.peak_rss_kib)
        .max()
        .unwrap_or(0);
    println!(
        "wayin-export peak RSS, 4 downloads at once included: {:.1} MB (target < 40 MB)",
        peak as f64 / 1024.0
    );
    println!();
    for row in &uploads {
        println!(
            "upload {:<20} {:>7.2} s {:>7.0} MiB/s {:>8.2} s {:>8.1} MB",
            row.tool,
            row.sample.seconds,
            single_bytes as f64 / MIB as f64 / row.sample.seconds,
            row.sample.system_seconds,
            row.sample.peak_rss_kib as f64 / 1024.0
        );
    }
    println!(
        "upload: transfer::upload / curl -T: {:.2}× (target ≤ 1.10×); peak RSS {:.1} MB (target ≤ 40 MB)",
        uploads[1].sample.seconds / uploads[0].sample.seconds,
        uploads[1].sample.peak_rss_kib as f64 / 1024.0
    );
    Ok(std::process::ExitCode::SUCCESS)
}

fn median(samples: &[Sample]) -> Sample {
    let mut sorted = samples.to_vec();
    sorted.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let mut rss: Vec<u64> = samples.iter().map(|s| s.peak_rss_kib).collect();
    rss.sort_unstable();
    let mut system: Vec<f64> = samples.iter().map(|s| s.system_seconds).collect();
    system.sort_by(f64::total_cmp);
    Sample {
        seconds: sorted[sorted.len() / 2].seconds,
        system_seconds: system[system.len() / 2],
        peak_rss_kib: rss[rss.len() / 2],
    }
}

/// Runs `command` under `/usr/bin/time`, which reports the peak RSS and system time of the
/// process.
fn timed(command: &mut Command) -> Result<(Child, Instant), String> {
    command.stdout(Stdio::null()).stderr(Stdio::piped());
    let started = Instant::now();
    let child = command
        .spawn()
        .map_err(|e| format!("could not start {:?}: {e}", command.get_program()))?;
    Ok((child, started))
}

fn time_command(program: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("/usr/bin/time");
    command
        .arg("-f")
        .arg("WAYIN_BENCH_RSS_KIB=%M WAYIN_BENCH_SYS=%S")
        .arg(program)
        .args(args);
    command
}

/// Waits for a timed command; returns its peak RSS and system time.
fn finish(child: Child, what: &str) -> Result<Usage, String> {
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("{what} failed: {}", stderr.trim()));
    }
    let figure = |name: &str| {
        stderr
            .split_whitespace()
            .find_map(|word| word.strip_prefix(name))
            .map(str::to_owned)
    };
    Ok(Usage {
        peak_rss_kib: figure("WAYIN_BENCH_RSS_KIB=")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{what}: no memory figure from /usr/bin/time"))?,
        system_seconds: figure("WAYIN_BENCH_SYS=")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{what}: no system time from /usr/bin/time"))?,
    })
}

/// All links fetched at once by one curl each; the memory is the sum of the curls'.
fn curl_all(links: &[String], out: &Path, sync: bool, each: u64) -> Result<Sample, String> {
    fresh_dir(out)?;
    let mut running = Vec::new();
    let started = Instant::now();
    for (i, link) in links.iter().enumerate() {
        let file = out.join(format!("curl-{i}.mp4"));
        let file = file.to_string_lossy().into_owned();
        let mut command = if sync {
            let script = "curl -sS --fail -o \"$1\" \"$2\" && sync \"$1\"";
            time_command(Path::new("/bin/sh"), &["-c", script, "sh", &file, link])
        } else {
            time_command(Path::new("curl"), &["-sS", "--fail", "-o", &file, link])
        };
        running.push(timed(&mut command)?.0);
    }
    let (mut rss, mut system) = (0, 0.0);
    for child in running {
        let usage = finish(child, "curl")?;
        rss += usage.peak_rss_kib;
        system += usage.system_seconds;
    }
    let seconds = started.elapsed().as_secs_f64();
    check_sizes(out, links.len(), each)?;
    Ok(Sample {
        seconds,
        system_seconds: system,
        peak_rss_kib: rss,
    })
}

fn fresh_dir(dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

fn check_sizes(dir: &Path, count: usize, each: u64) -> Result<(), String> {
    let sizes: Vec<u64> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .flatten()
        .filter_map(|entry| entry.metadata().ok().map(|m| m.len()))
        .collect();
    if sizes.len() != count || sizes.iter().any(|&s| s != each) {
        return Err(format!(
            "expected {count} files of {each} bytes in {}, found {sizes:?}",
            dir.display()
        ));
    }
    Ok(())
}

/// `wayin-export` pointed at the local server, each measurement with a fresh history so
/// nothing is found already downloaded.
struct Cli {
    binary: PathBuf,
    base: String,
    key: String,
    scratch: PathBuf,
}

impl Cli {
    fn command(&self, data: &str) -> Command {
        let mut command = Command::new(&self.binary);
        command
            .env("WAYIN_API_BASE", &self.base)
            .env("WAYIN_API_KEY", &self.key)
            .env("WAYIN_DATA_DIR", self.scratch.join(data))
            .env("WAYIN_RATE_LIMIT", "1000/60")
            .env_remove("WAYIN_LOG");
        command
    }

    fn submit(&self, project: &str) -> Result<String, String> {
        let output = self
            .command("submit-data")
            .args(["export", project, "--no-wait", "--out"])
            .arg(self.scratch.join("unused"))
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(format!(
                "submitting {project}: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    /// Polls `status --json` until the task has succeeded with `count` links.
    fn links_when_rendered(&self, task: &str, count: usize) -> Result<Vec<String>, String> {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            let output = self
                .command("submit-data")
                .args(["--json", "status", task])
                .output()
                .map_err(|e| e.to_string())?;
            let text = String::from_utf8_lossy(&output.stdout);
            let links = string_values(&text, "export_link");
            if text.contains("\"SUCCEEDED\"") && links.len() == count {
                return Ok(links);
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err(format!("export {task} did not finish rendering in time"))
    }

    fn download(&self, task: &str, out: &Path, count: usize, each: u64) -> Result<Sample, String> {
        fresh_dir(out)?;
        let data = self.scratch.join("download-data");
        let _ = std::fs::remove_dir_all(&data);
        let out_text = out.to_string_lossy().into_owned();
        let mut command = time_command(&self.binary, &["download", task, "--out", &out_text]);
        command
            .env("WAYIN_API_BASE", &self.base)
            .env("WAYIN_API_KEY", &self.key)
            .env("WAYIN_DATA_DIR", &data)
            .env("WAYIN_RATE_LIMIT", "1000/60")
            .env("WAYIN_CONCURRENCY", count.to_string());
        let (child, started) = timed(&mut command)?;
        let usage = finish(child, "wayin-export download")?;
        let seconds = started.elapsed().as_secs_f64();
        check_sizes(out, count, each)?;
        Ok(Sample {
            seconds,
            system_seconds: usage.system_seconds,
            peak_rss_kib: usage.peak_rss_kib,
        })
    }
}

/// Every string value of `"field":"…"` in a JSON text (links hold no quotes or escapes
/// that matter here; xtask stays free of dependencies).
fn string_values(json: &str, field: &str) -> Vec<String> {
    let needle = format!("\"{field}\":");
    let mut values = Vec::new();
    let mut rest = json;
    while let Some(at) = rest.find(&needle) {
        rest = rest[at + needle.len()..].trim_start();
        if let Some(stripped) = rest.strip_prefix('"') {
            if let Some(end) = stripped.find('"') {
                values.push(stripped[..end].replace("\\/", "/").replace("\\u0026", "&"));
            }
        }
    }
    values
}

/// The release `fake-wayin` binary, serving the synthetic projects until stopped.
struct FakeServer {
    child: Child,
    base_url: String,
    api_key: String,
}

impl FakeServer {
    fn start(release: &Path, options: &Options) -> Result<Self, String> {
        let mut child = Command::new(release.join("fake-wayin"))
            .args(["--port", "0", "--speed", "1000", "--rate-limit", "0"])
            .arg("--synthetic")
            .arg(format!("proj_bench_single:1:{}", options.single_mib * MIB))
            .arg("--synthetic")
            .arg(format!(
                "proj_bench_parallel:4:{}",
                options.parallel_mib * MIB
            ))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start fake-wayin: {e}"))?;
        let stdout = child.stdout.take().ok_or("fake-wayin has no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let (mut base_url, mut api_key) = (None, None);
        while base_url.is_none() || api_key.is_none() {
            let Some(Ok(line)) = lines.next() else {
                let _ = child.kill();
                return Err("fake-wayin stopped before printing its address".into());
            };
            if let Some(v) = line.strip_prefix("base_url=") {
                base_url = Some(v.trim().to_owned());
            } else if let Some(v) = line.strip_prefix("api_key=") {
                api_key = Some(v.trim().to_owned());
            }
        }
        // Keep reading so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let base_url = base_url.unwrap_or_default();
        println!("local API at {base_url}");
        Ok(Self {
            child,
            base_url,
            api_key: api_key.unwrap_or_default(),
        })
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.stop();
    }
}
