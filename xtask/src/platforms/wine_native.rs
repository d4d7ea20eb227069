//! The Windows `wayin-export.exe`, under Wine, against `fake-wayin` running natively on
//! Linux: a real export across the boundary (Windows sockets to a Linux server, Windows
//! paths for the output), checked byte for byte against the fake's fixture clips.

use crate::process::{cargo, describe, succeeds, target_dir, workspace_root};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const PROJECT: &str = "proj_demo_podcast";
const CLIPS: &[u32] = &[0, 2];

/// Ok(true) when the export landed every clip intact.
pub fn export_against_native_fake(
    wine: &mut dyn FnMut() -> Command,
    exe: &Path,
) -> Result<bool, String> {
    if !succeeds(cargo().args(["build", "--workspace", "--bin", "fake-wayin"]))? {
        return Err("could not build the native fake-wayin".into());
    }
    let fake_binary = target_dir().join("debug").join("fake-wayin");
    let mut fake = NativeFake::start(&fake_binary)?;
    let out_dir = tempdir("wine-export-out")?;
    let data_dir = tempdir("wine-export-data")?;

    let clip_list = CLIPS
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let mut command = wine();
    command
        .arg(exe)
        .args([
            "--api-base",
            &fake.base_url,
            "export",
            PROJECT,
            "--clips",
            &clip_list,
            "--out",
        ])
        .arg(&out_dir)
        .env("WAYIN_API_KEY", &fake.api_key)
        .env("WAYIN_DATA_DIR", &data_dir);
    println!("{}", describe(&command).replace(&fake.api_key, "***"));
    let status = command
        .status()
        .map_err(|err| format!("could not start wine: {err}"))?;
    fake.stop();
    if !status.success() {
        println!("wayin-export.exe under Wine exited with {status}");
        return Ok(false);
    }
    let landed = matching_fixtures(&out_dir)?;
    println!(
        "wayin-export.exe under Wine, against the native fake: {landed} of {} clips landed intact",
        CLIPS.len()
    );
    let _ = std::fs::remove_dir_all(&out_dir);
    let _ = std::fs::remove_dir_all(&data_dir);
    Ok(landed == CLIPS.len())
}

/// How many of the exported files equal, byte for byte, the fixture clip they came from.
fn matching_fixtures(out_dir: &Path) -> Result<usize, String> {
    let fixtures = workspace_root()
        .join("crates/fake-wayin/fixtures")
        .join(PROJECT);
    let expected: Vec<Vec<u8>> = CLIPS
        .iter()
        .map(|idx| std::fs::read(fixtures.join(format!("clip_{idx}.mp4"))))
        .collect::<Result<_, _>>()
        .map_err(|err| format!("cannot read the fixture clips: {err}"))?;
    let mut matched = 0;
    for entry in std::fs::read_dir(out_dir).map_err(|err| err.to_string())? {
        let path = entry.map_err(|err| err.to_string())?.path();
        let bytes = std::fs::read(&path).map_err(|err| err.to_string())?;
        if expected.contains(&bytes) {
            matched += 1;
        } else {
            println!("{} is not one of the exported clips", path.display());
        }
    }
    Ok(matched)
}

struct NativeFake {
    child: Child,
    base_url: String,
    api_key: String,
}

impl NativeFake {
    /// Starts it on a free port; its first two lines say where it listens and which key it takes.
    fn start(binary: &Path) -> Result<NativeFake, String> {
        let mut child = Command::new(binary)
            .args(["--port", "0", "--speed", "50", "--rate-limit", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| format!("could not start {}: {err}", binary.display()))?;
        let stdout = child.stdout.take().ok_or("fake-wayin has no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let mut value = |key: &str| -> Result<String, String> {
            let line = lines
                .next()
                .and_then(Result::ok)
                .ok_or("fake-wayin said nothing")?;
            line.strip_prefix(&format!("{key}="))
                .map(str::to_owned)
                .ok_or_else(|| format!("fake-wayin printed {line:?}, not {key}=…"))
        };
        let base_url = value("base_url")?;
        let api_key = value("api_key")?;
        // It prints more after these; a closed pipe would make its next print fail.
        std::thread::spawn(move || lines.for_each(drop));
        Ok(NativeFake {
            child,
            base_url,
            api_key,
        })
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for NativeFake {
    fn drop(&mut self) {
        self.stop();
    }
}

fn tempdir(name: &str) -> Result<PathBuf, String> {
    let dir = target_dir().join("tmp").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)
        .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    Ok(dir)
}
