//! Ctrl-C while an export is followed: the engine stops with every `.part` kept,
//! and the message says how to pick the export up again.

use std::path::Path;

use engine::{Engine, ExportRecord};

use crate::error::{CliError, CliResult, Exit};

/// Ctrl-C (and, on Unix, SIGTERM) caught from the moment this is created, so a signal
/// during a paid submit is held until the answer is recorded instead of killing it.
pub struct Interrupt {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(not(unix))]
    ctrl_c: tokio::signal::windows::CtrlC,
}

impl Interrupt {
    pub fn listen() -> CliResult<Self> {
        let fail = |e: std::io::Error| CliError::local(format!("Could not watch for Ctrl-C: {e}"));
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Self {
                int: signal(SignalKind::interrupt()).map_err(fail)?,
                term: signal(SignalKind::terminate()).map_err(fail)?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(Self {
                ctrl_c: tokio::signal::windows::ctrl_c().map_err(fail)?,
            })
        }
    }

    pub async fn recv(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
        #[cfg(not(unix))]
        self.ctrl_c.recv().await;
    }
}

/// Stops polling and downloads so every `.part` holds what was received. A second
/// Ctrl-C does not wait for that: the `.part` files stay resumable either way, only
/// the last unwritten buffer is fetched again.
pub async fn stop_engine(engine: &Engine, interrupt: &mut Interrupt) {
    tokio::select! {
        _ = engine.shutdown() => {}
        _ = interrupt.recv() => {}
    }
}

pub(super) fn interrupted(export: Option<&ExportRecord>) -> CliError {
    let message = match export.and_then(|e| Some((e.task_id.as_deref()?, &e.out_dir))) {
        Some((task, dir)) => format!(
            "Interrupted. Export task {task} is recorded and partial downloads are kept; resume with: {}",
            resume_command(task, dir)
        ),
        None => "Interrupted. The export is recorded; see `wayin-export history`.".to_owned(),
    };
    CliError::new(Exit::Interrupted, message)
}

/// The command that picks an export up again, quoted for a POSIX shell.
pub fn resume_command(task: &str, dir: &Path) -> String {
    format!(
        "wayin-export download {} --out {}",
        shell_quote(task),
        shell_quote(&dir.display().to_string())
    )
}

fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_command_is_quoted_for_the_shell() {
        assert_eq!(
            resume_command("exp_1", Path::new("/tmp/clips")),
            "wayin-export download exp_1 --out /tmp/clips"
        );
        assert_eq!(
            resume_command("exp_1", Path::new("/tmp/Bob's clips")),
            "wayin-export download exp_1 --out '/tmp/Bob'\\''s clips'"
        );
    }
}
