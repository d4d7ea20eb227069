//! Without a reachable Secret Service every operation reports `Unavailable`.
//!
//! libdbus reads the session bus address once per process, so each case runs
//! the probe in a child copy of this test binary with its own environment.
//! Neither case can reach a real keychain.
#![cfg(target_os = "linux")]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use wayin_keychain::{Keychain, KeychainError};

const PROBE_ENV: &str = "WAYIN_KEYCHAIN_PROBE";
const PROBE_TEST: &str = "probe_child";

/// Runs only as the child: tries every operation and prints one line each.
#[test]
fn probe_child() {
    if std::env::var_os(PROBE_ENV).is_none() {
        return;
    }
    let keychain = Keychain::new(common::unique_service("probe"), "api-key");
    let outcomes = [
        ("load", keychain.load().map(|_| ())),
        ("save", keychain.save("wayin_sk_must_not_leak")),
        ("delete", keychain.delete().map(|_| ())),
    ];
    for (operation, outcome) in outcomes {
        let verdict = match outcome {
            Ok(()) => "ok".to_string(),
            Err(err @ KeychainError::Unavailable { .. }) => format!("unavailable: {err}"),
            Err(err @ KeychainError::Failed { .. }) => format!("failed: {err}"),
        };
        println!("PROBE {operation} {verdict}");
    }
}

/// The probe's verdict lines, run against the session bus at `bus_address`.
fn probe(bus_address: &str) -> Vec<String> {
    let output = Command::new(std::env::current_exe().unwrap())
        .args([PROBE_TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(PROBE_ENV, "1")
        .env("DBUS_SESSION_BUS_ADDRESS", bus_address)
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "probe failed:\n{stdout}");
    let lines: Vec<String> = stdout
        .lines()
        // The harness may print "test probe_child ... " on the same line.
        .filter_map(|line| {
            line.split_once("PROBE ")
                .map(|(_, verdict)| verdict.to_string())
        })
        .collect();
    assert_eq!(lines.len(), 3, "probe output:\n{stdout}");
    lines
}

fn assert_all_unavailable(lines: &[String]) {
    for line in lines {
        let (operation, verdict) = line.split_once(' ').unwrap();
        assert!(
            verdict.starts_with("unavailable: No system keychain is available ("),
            "{operation}: {verdict}"
        );
        assert!(
            verdict.ends_with("The key can be used for this session only."),
            "{operation}: {verdict}"
        );
        assert!(!verdict.contains("must_not_leak"), "{operation}: {verdict}");
    }
}

#[test]
fn no_session_bus_means_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let missing_socket = dir.path().join("no-bus-here");
    let lines = probe(&format!("unix:path={}", missing_socket.display()));
    assert_all_unavailable(&lines);
}

#[test]
fn bus_without_secret_service_means_unavailable() {
    if !Path::new("/usr/bin/dbus-daemon").exists() {
        eprintln!("skipped bus_without_secret_service_means_unavailable: no dbus-daemon");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bus.conf");
    // A bare session bus: no service directories, so nothing can be activated.
    std::fs::write(
        &config,
        format!(
            r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}/bus</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>"#,
            dir.path().display()
        ),
    )
    .unwrap();
    let mut daemon = KillOnDrop(
        Command::new("/usr/bin/dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut address = String::new();
    BufReader::new(daemon.0.stdout.take().unwrap())
        .read_line(&mut address)
        .unwrap();

    let lines = probe(address.trim());
    drop(daemon);

    assert_all_unavailable(&lines);
    assert!(
        lines
            .iter()
            .all(|line| line.contains("org.freedesktop.secrets")),
        "{lines:?}"
    );
}

/// Ends the private bus even when an assertion fails first.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
