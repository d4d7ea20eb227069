//! The app's memory through a working session: `tests/e2e/bench-memory.js` drives the
//! release build through tauri-driver, as the end-to-end tests drive the debug one, inside
//! the same isolated desktop session, against fake-wayin serving a 500-clip project; it
//! prints one `memory <moment> pss=… rss=… processes=…` line per moment measured.
//! Only Linux runs it (tauri-driver needs WebKitWebDriver); elsewhere it is still compiled.
#![cfg_attr(not(target_os = "linux"), allow(dead_code))]

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use super::Memory;
#[cfg(target_os = "linux")]
use crate::process::{cargo, heading, succeeds, workspace_root};

/// Bounds the whole journey: start, 500 clips, a 3-clip export.
const TIME_LIMIT: Duration = Duration::from_secs(10 * 60);

/// Memory at each moment the journey measured, by name.
pub struct Journey(BTreeMap<String, Memory>);

impl Journey {
    pub fn at(&self, moment: &str) -> Result<Memory, String> {
        self.0
            .get(moment)
            .copied()
            .ok_or_else(|| format!("the journey printed no figure for {moment:?}"))
    }
}

#[cfg(not(target_os = "linux"))]
pub fn measure(_app: &Path) -> Result<Journey, String> {
    Err("the journey runs on Linux only (tauri-driver needs WebKitWebDriver)".into())
}

#[cfg(target_os = "linux")]
pub fn measure(app: &Path) -> Result<Journey, String> {
    heading("Building fake-wayin for the journey (cargo build -p fake-wayin)");
    if !succeeds(cargo().args(["build", "-p", "fake-wayin"]))? {
        return Err("fake-wayin did not build".into());
    }
    heading("The release app through a 500-clip project and a 3-clip export (tauri-driver)");
    let script = workspace_root().join("tests/e2e/bench-memory.js");
    let args = [
        script.display().to_string(),
        "--app".to_string(),
        app.display().to_string(),
    ];
    let session = crate::session::Session::create(TIME_LIMIT)?;
    let mut figures = BTreeMap::new();
    // The session copies each line to the terminal as well.
    let status = session.run(Path::new("node"), &args, |line| {
        if let Some((moment, memory)) = parse_line(line) {
            figures.insert(moment, memory);
        }
    })?;
    if !status.success() {
        return Err(format!("the journey failed ({status})"));
    }
    Ok(Journey(figures))
}

fn parse_line(line: &str) -> Option<(String, Memory)> {
    let mut words = line.strip_prefix("memory ")?.split_whitespace();
    let moment = words.next()?.to_string();
    let mut field = |name: &str| -> Option<u64> {
        words
            .next()?
            .strip_prefix(name)?
            .strip_prefix('=')?
            .parse()
            .ok()
    };
    let pss_kib = field("pss")?;
    let rss_kib = field("rss")?;
    let processes = usize::try_from(field("processes")?).ok()?;
    Some((
        moment,
        Memory {
            pss_kib,
            rss_kib,
            processes,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::parse_line;

    #[test]
    fn reads_the_lines_the_script_prints() {
        let (moment, memory) =
            parse_line("memory project pss=301234 rss=402345 processes=3").unwrap();
        assert_eq!(moment, "project");
        assert_eq!(
            (memory.pss_kib, memory.rss_kib, memory.processes),
            (301234, 402345, 3)
        );
        assert!(parse_line("memory project pss=1 rss=x processes=3").is_none());
        assert!(parse_line("ok 1 - something").is_none());
    }
}
