//! A creation's row read back into its record; a row this version cannot read is reported
//! as damaged, naming the creation and what was wrong, rather than guessed at.

use rusqlite::Row;
use wayin_api::TaskKind;

use super::{
    CreationId, CreationProblem, CreationRecord, CreationSource, CreationState, StoreError,
};

pub(super) fn kind_text(kind: TaskKind) -> &'static str {
    match kind {
        TaskKind::AiClipping => "ai_clipping",
        TaskKind::FindMoments => "find_moments",
    }
}

pub(super) fn row_to_creation(row: &Row) -> rusqlite::Result<Result<CreationRecord, StoreError>> {
    let id: CreationId = row.get("id")?;
    let corrupt = |what: &str| Err(StoreError::Corrupt(format!("creation {id}: {what}")));
    let kind = match row.get::<_, String>("kind")?.as_str() {
        "ai_clipping" => TaskKind::AiClipping,
        "find_moments" => TaskKind::FindMoments,
        _ => return Ok(corrupt("unknown kind")),
    };
    let Some(state) = CreationState::parse(&row.get::<_, String>("state")?) else {
        return Ok(corrupt("unknown state"));
    };
    let Ok(request) = serde_json::from_str(&row.get::<_, String>("request_json")?) else {
        return Ok(corrupt("unreadable request"));
    };
    let source = match (
        row.get::<_, Option<String>>("source_path")?,
        row.get::<_, Option<String>>("source_link")?,
    ) {
        (Some(path), _) => CreationSource::File {
            path: path.into(),
            size: row.get::<_, Option<i64>>("source_size")?.unwrap_or(0) as u64,
            modified_ms: row.get("source_modified_ms")?,
            fingerprint: row
                .get::<_, Option<String>>("source_fingerprint")?
                .unwrap_or_default(),
        },
        (None, Some(url)) => CreationSource::Link { url },
        (None, None) => return Ok(corrupt("no source")),
    };
    let clips = match row.get::<_, Option<String>>("clips_json")? {
        Some(text) => match serde_json::from_str(&text) {
            Ok(clips) => clips,
            Err(_) => return Ok(corrupt("unreadable clips")),
        },
        None => Vec::new(),
    };
    Ok(Ok(CreationRecord {
        id,
        kind,
        state,
        source,
        request,
        project_id: row.get("project_id")?,
        project_name: row.get("project_name")?,
        status: row.get("status")?,
        clips,
        clip_limit: row.get("clip_limit")?,
        note: row.get("note")?,
        problem: row
            .get::<_, Option<String>>("problem")?
            .as_deref()
            .and_then(CreationProblem::parse),
        message: row.get("error_message")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    }))
}
