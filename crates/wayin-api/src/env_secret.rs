//! A key handed over in an environment variable leaves the environment as soon
//! as it is read: no child (WebKit's processes, a player opened from the app)
//! inherits it, and on Linux its bytes are wiped from the environment block the
//! process started with, so `/proc/<pid>/environ` no longer shows it either.

/// The value of `name`, which is then gone from the environment. `None` when it
/// was unset, blank or not UTF-8 (it is removed all the same).
///
/// Call it first thing in `main`, before any thread or child starts: the
/// environment belongs to the whole process and changing it is not thread-safe.
pub fn take_env_secret(name: &str) -> Option<String> {
    let value = std::env::var_os(name);
    #[cfg(target_os = "linux")]
    let originals = original_block::entries(name);
    std::env::remove_var(name);
    #[cfg(target_os = "linux")]
    original_block::wipe(originals);
    value
        .and_then(|v| v.into_string().ok())
        .filter(|v| !v.trim().is_empty())
}

/// Removing a variable only unlinks it from `environ`; its text stays where the
/// kernel put it, which is what `/proc/<pid>/environ` reads.
#[cfg(target_os = "linux")]
mod original_block {
    use std::ffi::CStr;
    use std::os::raw::c_char;

    extern "C" {
        static mut environ: *mut *mut c_char;
    }

    /// Start and length of every `name=value` entry.
    pub(super) struct Entries(Vec<(*mut u8, usize)>);

    pub(super) fn entries(name: &str) -> Entries {
        let prefix = format!("{name}=");
        let mut found = Vec::new();
        // SAFETY: no other thread runs yet (see `take_env_secret`), so nothing
        // changes `environ` meanwhile; it is a NULL-terminated array of
        // NUL-terminated strings.
        unsafe {
            let mut entry = environ;
            while !entry.is_null() && !(*entry).is_null() {
                let text = CStr::from_ptr(*entry).to_bytes();
                if text.starts_with(prefix.as_bytes()) {
                    found.push(((*entry).cast::<u8>(), text.len()));
                }
                entry = entry.add(1);
            }
        }
        Entries(found)
    }

    pub(super) fn wipe(entries: Entries) {
        for (start, len) in entries.0 {
            // SAFETY: `start..start+len` is the text of an entry found above, now
            // unlinked from `environ`: nothing reads it any more. At the start of
            // `main` every entry still lies in the writable block the kernel set up.
            unsafe { std::ptr::write_bytes(start, 0, len) };
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::process::Command;

    const PROBE: &str = "WAYIN_ENV_SECRET_PROBE";
    const SECRET: &str = "wayin_sk_env_probe_Hq7Lw2Zx";

    /// Runs only as the child of the test below, where the variable was set by
    /// the parent (so it sits in the kernel's environment block) and no other
    /// test thread touches the environment first.
    #[test]
    fn probe_child() {
        if std::env::var_os(PROBE).is_none() {
            return;
        }
        let taken = take_env_secret("WAYIN_API_KEY");
        let blank = take_env_secret("WAYIN_ENV_SECRET_BLANK");
        let own = std::fs::read("/proc/self/environ").unwrap();
        let child = Command::new("/bin/sh")
            .args(["-c", "cat /proc/$$/environ"])
            .output()
            .unwrap();
        println!(
            "PROBE taken={} blank={:?}/{} var={} own={} child={}",
            taken.as_deref() == Some(SECRET),
            blank,
            std::env::var_os("WAYIN_ENV_SECRET_BLANK").is_some(),
            std::env::var_os("WAYIN_API_KEY").is_some(),
            contains(&own, SECRET.as_bytes()),
            contains(&child.stdout, SECRET.as_bytes()),
        );
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    // Tried: a key passed in WAYIN_API_KEY, then read through every way another
    // program could see it: the variable itself, the process's own
    // /proc/self/environ, and a child process's environment.
    #[test]
    fn a_taken_key_is_gone_from_the_environment_proc_and_children() {
        let output = Command::new(std::env::current_exe().unwrap())
            .args(["env_secret::tests::probe_child", "--exact", "--nocapture"])
            .args(["--test-threads=1"])
            .env(PROBE, "1")
            .env("WAYIN_API_KEY", SECRET)
            .env("WAYIN_ENV_SECRET_BLANK", "  ")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let line = stdout
            .lines()
            .find_map(|l| l.split_once("PROBE ").map(|(_, v)| v))
            .unwrap_or_else(|| panic!("no probe line:\n{stdout}"));
        assert_eq!(
            line,
            "taken=true blank=None/false var=false own=false child=false",
            "the key is gone from the variable, /proc/self/environ and a child; a blank value is no key"
        );
    }
}
