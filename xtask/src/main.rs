//! `cargo xtask <command>`: the project's commands, in Rust so they run the
//! same on every machine that has cargo.

mod actionlint;
mod bench;
mod bench_app;
mod bundle;
mod e2e_tests;
mod empty_tauri;
mod pip;
mod platforms;
mod process;
mod release;
mod run;
#[cfg(target_os = "linux")]
mod session;
mod system_deps;
mod test;
mod test_summary;
mod timeline_readers;
mod ui_tests;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [-- args]

commands:
  test   install what the tests need, then fmt, clippy and every test of the
         workspace inside an isolated desktop session (Xvfb, D-Bus, Secret Service),
         then the front end's tests in headless Chromium (node --test tests/ui),
         then the end-to-end tests of the real window (node --test tests/e2e)
         then `check-platforms` (Windows and macOS lints, Windows tests under
         Wine, exFAT and FAT32 drives)
         args after -- go to `cargo test`
  test-ui
         only the front end's tests: headless Chromium with the backend mocked
  test-e2e
         only the end-to-end tests: the real app window through tauri-driver and
         WebKitWebDriver, against fake-wayin, in an isolated session (after the
         same build as `test`); WAYIN_UPDATE_SCREENSHOTS=1 also rewrites
         docs/screenshots
  check-platforms
         what this machine can prove about the other platforms: clippy for
         Windows (MinGW) and both Mac architectures (zig), the API client's,
         engine's and wayin-export's tests cross-built for Windows and run under
         Wine, and downloads onto real exFAT and FAT32 volumes; installs MinGW,
         Wine, zig and the FUSE drivers first; then actionlint on the release
         workflow. Part of `test`. Steps can be run
         alone by name: windows-lints macos-lints wine drives workflows
  run    build and start the desktop app (demo mode when no API key is stored)
         args after -- go to the app
  demo   build and start the desktop app in demo mode against the built-in fake API
  bench  wayin-export against curl on the same local links: time, throughput, memory
         options after --: --single-mib N (1024) --parallel-mib N (256) --rounds N (3)
  bench-app
         the release app under Xvfb: binary size, cold start to an interactive
         window, idle memory of the app and its web-view processes
  bundle the desktop app's packages for this system, release build: .deb and .rpm
         on Linux (no AppImage: its bundler downloads tools while it builds),
         .app and .dmg on macOS, .msi and NSIS .exe on Windows; prints where they
         are. Installs tauri-cli 2 first when `cargo tauri` is missing (about 15
         minutes). Not part of `test`. args after -- go to `cargo tauri build`
  release
         a release ready to publish, in target/release/bundle/release-VERSION/: the
         packages of `bundle` (plus the AppImage with --appimage), built to update
         themselves from the release, each signed for the updater (.sig), SHA256SUMS
         and the updater's latest.json. Needs the release key in
         TAURI_SIGNING_PRIVATE_KEY (and TAURI_SIGNING_PRIVATE_KEY_PASSWORD); stops
         before building without it (`cargo run -p wayin-release -- keygen` makes
         one). Not part of `test`. options after --:
           --appimage          also the AppImage (its bundler downloads tools)
           --base-url URL      the folder the files will be downloaded from, {version}
                               replaced (else WAYIN_RELEASE_BASE_URL, else the GitHub
                               release of tag v{version})
           --notes-file FILE   the release notes the app shows before updating
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let mut rest: Vec<String> = args.collect();
    // One leading `--` separates xtask's arguments from those it passes on;
    // a second one is meant for whoever receives them (`-- -- --nocapture`).
    if rest.first().is_some_and(|arg| arg == "--") {
        rest.remove(0);
    }

    let outcome = match command.as_str() {
        "test" => test::run(&rest),
        "test-ui" => test::run_ui_only(),
        "test-e2e" => test::run_e2e_only(),
        "run" => run::app(run::Mode::DemoIfNoKey, &rest),
        "demo" => run::app(run::Mode::Demo, &rest),
        "check-platforms" => platforms::command(&rest),
        "bench" => bench::run(&rest),
        "bench-app" => bench_app::run(&rest),
        "bundle" => bundle::run(&rest),
        "release" => release::run(&rest),
        "" | "help" | "-h" | "--help" => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        unknown => Err(format!("unknown command `{unknown}`\n\n{USAGE}")),
    };

    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
