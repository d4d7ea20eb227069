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

    /// Sorted by name. A preset whose options cannot be read is left out (and left in the
    /// file as it is, never deleted): one damaged row does not take the others with it.
    pub fn presets(&self) -> Result<Vec<(String, serde_json::Value)>, StoreError> {
        Ok(self
            .preset_rows()?
            .into_iter()
            .filter_map(|(name, options)| match options {
                Ok(options) => Some((name, options)),
                Err(err) => {
                    tracing::warn!(preset = %name, "a damaged preset is left out: {err}");
                    None
                }
            })
            .collect())
    }

    /// Names of the presets [`Store::presets`] leaves out because they cannot be read.
    pub fn unreadable_presets(&self) -> Result<Vec<String>, StoreError> {
        Ok(self
            .preset_rows()?
            .into_iter()
            .filter(|(_, options)| options.is_err())
            .map(|(name, _)| name)
            .collect())
    }

    #[allow(clippy::type_complexity)]
    fn preset_rows(
        &self,
    ) -> Result<Vec<(String, Result<serde_json::Value, serde_json::Error>)>, StoreError> {
        let conn = self.lock();
        let rows = conn
            .prepare("SELECT name, options_json FROM presets ORDER BY name COLLATE NOCASE")?
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .map(|(name, json)| (name, serde_json::from_str(&json)))
            .collect())
    }

    pub fn delete_preset(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .lock()
            .execute("DELETE FROM presets WHERE name = ?1", [name])?
            > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Tried: one preset's options overwritten with text that is not JSON, beside two good ones.
    #[test]
    fn a_damaged_preset_is_left_out_and_left_in_place() {
        let store = Store::open_in_memory().unwrap();
        store
            .save_preset("4K", &json!({"resolution": "UHD_4K"}))
            .unwrap();
        store.save_preset("Broken", &json!({})).unwrap();
        store
            .save_preset("Captions", &json!({"caption": true}))
            .unwrap();
        store
            .lock()
            .execute(
                "UPDATE presets SET options_json = '{not json' WHERE name = 'Broken'",
                [],
            )
            .unwrap();
        let names: Vec<String> = store
            .presets()
            .unwrap()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(names, ["4K", "Captions"]);
        let kept: String = store
            .lock()
            .query_row(
                "SELECT options_json FROM presets WHERE name = 'Broken'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, "{not json");
    }
}
