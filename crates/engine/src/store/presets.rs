use rusqlite::params;

use super::{now_ms, Store, StoreError};

/// Named export option sets, as JSON text the callers own.
impl Store {
    pub fn save_preset(&self, name: &str, options: &serde_json::Value) -> Result<(), StoreError> {
        self.lock().execute(
            "INSERT INTO presets (name, options_json, updated_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (name) DO UPDATE SET options_json = excluded.options_json, updated_at = excluded.updated_at",
            params![name, options.to_string(), now_ms()],
        )?;
        Ok(())
    }

    /// Sorted by name.
    pub fn presets(&self) -> Result<Vec<(String, serde_json::Value)>, StoreError> {
        let conn = self.lock();
        let rows = conn
            .prepare("SELECT name, options_json FROM presets ORDER BY name COLLATE NOCASE")?
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(name, json)| {
                let options = serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("preset {name:?}: {e}")))?;
                Ok((name, options))
            })
            .collect()
    }

    pub fn delete_preset(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .lock()
            .execute("DELETE FROM presets WHERE name = ?1", [name])?
            > 0)
    }
}
