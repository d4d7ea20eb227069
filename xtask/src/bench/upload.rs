//! The upload half of `cargo xtask bench`: one file sent to an upload link of the local API by
//! the transfer crate (its `upload` example, a release build) and by `curl -T` to a fresh link
//! of the same kind, in the same run, from the same file in the page cache.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use super::{finish, median, time_command, timed, FakeServer, Sample, MIB};

pub(super) struct UploadRow {
    pub tool: &'static str,
    pub sample: Sample,
}

/// Medians of `rounds` uploads of a `mib`-MiB file by each tool.
pub(super) fn measure(
    release: &Path,
    server: &FakeServer,
    scratch: &Path,
    mib: u64,
    rounds: usize,
) -> Result<Vec<UploadRow>, String> {
    let file = scratch.join("upload-source.mp4");
    write_source(&file, mib)?;
    let example = release.join("examples/upload");
    let file_arg = file.to_string_lossy().into_owned();
    let (mut ours, mut curl) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (child, started) = timed(&mut time_command(
            &example,
            &[&server.base_url, &server.api_key, &file_arg],
        ))?;
        ours.push(sample(child, started, "the upload example")?);
        let link = ticket(server)?;
        let (child, started) = timed(&mut time_command(
            Path::new("curl"),
            &["-sS", "--fail", "-T", &file_arg, &link],
        ))?;
        curl.push(sample(child, started, "curl -T")?);
    }
    let _ = std::fs::remove_file(&file);
    Ok(vec![
        UploadRow {
            tool: "curl -T",
            sample: median(&curl),
        },
        UploadRow {
            tool: "transfer::upload",
            sample: median(&ours),
        },
    ])
}

/// The timed run of `child`, started at `started`, once it has ended.
fn sample(child: std::process::Child, started: Instant, what: &str) -> Result<Sample, String> {
    let usage = finish(child, what)?;
    Ok(Sample {
        seconds: started.elapsed().as_secs_f64(),
        system_seconds: usage.system_seconds,
        peak_rss_kib: usage.peak_rss_kib,
    })
}

/// A file of `mib` MiB of varied bytes, written once and read from the page cache by both.
fn write_source(path: &Path, mib: u64) -> Result<(), String> {
    use std::io::Write;
    let started = Instant::now();
    let mut file = std::fs::File::create(path).map_err(|e| e.to_string())?;
    let block: Vec<u8> = (0..MIB).map(|i| (i * 31 % 251) as u8).collect();
    for _ in 0..mib {
        file.write_all(&block).map_err(|e| e.to_string())?;
    }
    file.sync_all().map_err(|e| e.to_string())?;
    println!(
        "upload source: {mib} MiB written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A fresh upload link from the local API, asked for with curl.
fn ticket(server: &FakeServer) -> Result<String, String> {
    let output = Command::new("curl")
        .args(["-sS", "--fail", "-X", "POST"])
        .arg(format!("{}/upload/single-file", server.base_url))
        .arg("-H")
        .arg(format!("Authorization: Bearer {}", server.api_key))
        .args(["-H", "x-wayinvideo-api-version: v2"])
        .args(["-H", "Content-Type: application/json"])
        .args(["--data", r#"{"name":"upload-source.mp4"}"#])
        .output()
        .map_err(|e| format!("could not run curl: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "no upload ticket: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let body = String::from_utf8_lossy(&output.stdout).into_owned();
    super::string_values(&body, "upload_url")
        .into_iter()
        .next()
        .ok_or_else(|| format!("no upload_url in {body}"))
}
