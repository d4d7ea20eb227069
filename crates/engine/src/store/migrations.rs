//! Versioned schema. Each step runs once, in order, inside a transaction; the
//! version lives in `PRAGMA user_version`, so an older app refuses a newer file
//! instead of misreading it.

use rusqlite::Connection;

use super::StoreError;

const STEPS: &[&str] = &[
    // 1: exports with their write-ahead submit state, clips, downloads, presets, settings.
    r#"
    CREATE TABLE exports (
        id              INTEGER PRIMARY KEY,
        project_id      TEXT,
        project_name    TEXT,
        request_json    TEXT,
        requested_clips TEXT,
        submit_state    TEXT NOT NULL,
        submit_error    TEXT,
        task_id         TEXT,
        name            TEXT,
        status          TEXT,
        error_message   TEXT,
        cost_usage      REAL,
        expire_at       INTEGER,
        out_dir         TEXT NOT NULL,
        name_template   TEXT NOT NULL,
        polling_done    INTEGER NOT NULL DEFAULT 0,
        closed_reason   TEXT,
        succeeded_at    INTEGER,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
    );
    CREATE TABLE export_clips (
        export_id       INTEGER NOT NULL REFERENCES exports(id) ON DELETE CASCADE,
        idx             INTEGER NOT NULL,
        clip_json       TEXT NOT NULL,
        link            TEXT,
        link_fetched_at INTEGER,
        PRIMARY KEY (export_id, idx)
    );
    CREATE TABLE downloads (
        id          INTEGER PRIMARY KEY,
        export_id   INTEGER NOT NULL REFERENCES exports(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        path        TEXT NOT NULL,
        state       TEXT NOT NULL,
        bytes_done  INTEGER NOT NULL DEFAULT 0,
        total       INTEGER,
        error_kind  TEXT,
        error       TEXT,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        UNIQUE (export_id, idx)
    );
    CREATE INDEX downloads_by_state ON downloads(state);
    CREATE INDEX exports_by_task ON exports(task_id);
    CREATE TABLE presets (
        name         TEXT PRIMARY KEY,
        options_json TEXT NOT NULL,
        updated_at   INTEGER NOT NULL
    );
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    "#,
    // 2: the timeline files written for an export, one per format, newest kept.
    r#"
    CREATE TABLE timeline_files (
        export_id   INTEGER NOT NULL REFERENCES exports(id) ON DELETE CASCADE,
        format      TEXT NOT NULL,
        path        TEXT NOT NULL,
        written_at  INTEGER NOT NULL,
        PRIMARY KEY (export_id, format)
    );
    "#,
    // 3: the request budget every process using a key shares, under a hash of the key,
    // and which of them asks the API about open exports.
    r#"
    CREATE TABLE poll_leases (
        budget_id    TEXT PRIMARY KEY,
        owner        TEXT NOT NULL,
        heartbeat_at INTEGER NOT NULL
    );
    CREATE TABLE api_requests (
        budget_id TEXT NOT NULL,
        sent_at   INTEGER NOT NULL
    );
    CREATE INDEX api_requests_by_budget ON api_requests(budget_id, sent_at);
    CREATE TABLE api_pauses (
        budget_id TEXT PRIMARY KEY,
        until_ms  INTEGER NOT NULL
    );
    "#,
    // 4: the installation's salt for the budgets' names; names made without it are dropped.
    r#"
    CREATE TABLE installation (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        salt BLOB NOT NULL
    );
    DELETE FROM poll_leases;
    DELETE FROM api_requests;
    DELETE FROM api_pauses;
    "#,
    // 5: projects being created from the editor's own footage, written down before anything
    // is sent: the source as it was chosen, the request, and the project's id once it came.
    r#"
    CREATE TABLE creations (
        id                 INTEGER PRIMARY KEY,
        kind               TEXT NOT NULL,
        request_json       TEXT NOT NULL,
        source_path        TEXT,
        source_size        INTEGER,
        source_modified_ms INTEGER,
        source_fingerprint TEXT,
        source_link        TEXT,
        state              TEXT NOT NULL,
        note               TEXT,
        problem            TEXT,
        project_id         TEXT,
        project_name       TEXT,
        status             TEXT,
        clips_json         TEXT,
        clip_limit         INTEGER,
        error_message      TEXT,
        claimed_by         TEXT,
        claimed_at         INTEGER NOT NULL DEFAULT 0,
        created_at         INTEGER NOT NULL,
        updated_at         INTEGER NOT NULL
    );
    CREATE INDEX creations_by_project ON creations(project_id);
    CREATE INDEX creations_by_state ON creations(state);
    "#,
    // 6: timeline formats kept by their id rather than their file extension, so a second
    // flavour of one extension can be told apart.
    r#"
    UPDATE timeline_files SET format = CASE format
        WHEN 'xml' THEN 'xmeml'
        WHEN 'edl' THEN 'cmx3600'
        ELSE format END;
    UPDATE settings SET value = trim(
        replace(replace(',' || value || ',', ',xml,', ',xmeml,'), ',edl,', ',cmx3600,'), ',')
        WHERE key = 'auto_timelines';
    "#,
];

pub(super) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: usize =
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if current > STEPS.len() {
        return Err(StoreError::TooNew {
            found: current,
            known: STEPS.len(),
        });
    }
    for (index, step) in STEPS.iter().enumerate().skip(current) {
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", (index + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

pub(super) fn latest_version() -> usize {
    STEPS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store as version `version` of the schema left it.
    fn at_version(version: usize) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        for (index, step) in STEPS.iter().enumerate().take(version) {
            let tx = conn.transaction().unwrap();
            tx.execute_batch(step).unwrap();
            tx.pragma_update(None, "user_version", (index + 1) as i64)
                .unwrap();
            tx.commit().unwrap();
        }
        conn
    }

    #[test]
    fn timeline_formats_kept_by_extension_are_kept_by_id_after_the_upgrade() {
        let mut conn = at_version(5);
        conn.execute_batch(
            "INSERT INTO exports (id, submit_state, out_dir, name_template, created_at, updated_at) \
                 VALUES (1, 'submitted', '/x', '{title}', 0, 0);
             INSERT INTO timeline_files VALUES (1, 'xml', '/x/a.xml', 1), (1, 'edl', '/x/a.edl', 1),
                 (1, 'otio', '/x/a.otio', 1), (1, 'fcpxml', '/x/a.fcpxml', 1);
             INSERT INTO settings VALUES ('auto_timelines', 'xml,fcpxml,edl'), ('name_template', 'xml,edl');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let formats: Vec<String> = conn
            .prepare("SELECT format FROM timeline_files ORDER BY format")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(formats, ["cmx3600", "fcpxml", "otio", "xmeml"]);
        let setting = |key: &str| -> String {
            conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .unwrap()
        };
        assert_eq!(setting("auto_timelines"), "xmeml,fcpxml,cmx3600");
        assert_eq!(
            setting("name_template"),
            "xml,edl",
            "other settings are left alone"
        );
    }
}
