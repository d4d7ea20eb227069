//! Upload tickets and what their pre-signed links received. A ticket's link expires after an
//! hour, takes one PUT of at most the configured size, and its identity names one project.

use std::collections::HashMap;

/// One ticket handed out by `POST /upload/single-file`.
pub(crate) struct Upload {
    pub identity: String,
    pub name: String,
    pub expires_at_ms: u64,
    /// Bytes of the PUT that completed; `None` until one did.
    pub received: Option<u64>,
    /// Its identity already named a project: it is for one-time use.
    pub used: bool,
}

/// What a test can see of an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRecord {
    /// The file name the ticket was asked for.
    pub name: String,
    pub identity: String,
    /// Bytes the storage host kept; `None` while no PUT completed.
    pub received: Option<u64>,
    /// The `Content-Type` of the last PUT.
    pub content_type: Option<String>,
    /// Whether a PUT carried an `Authorization` header (the link is pre-signed: it must not).
    pub sent_authorization: bool,
    /// PUTs tried on this ticket, refused or broken ones included.
    pub puts: u32,
}

#[derive(Default)]
pub(crate) struct UploadBook {
    by_token: HashMap<String, Upload>,
    records: HashMap<String, UploadRecord>,
}

impl UploadBook {
    pub(crate) fn issue(&mut self, token: String, upload: Upload) {
        self.records.insert(
            token.clone(),
            UploadRecord {
                name: upload.name.clone(),
                identity: upload.identity.clone(),
                received: None,
                content_type: None,
                sent_authorization: false,
                puts: 0,
            },
        );
        self.by_token.insert(token, upload);
    }

    pub(crate) fn get_mut(&mut self, token: &str) -> Option<&mut Upload> {
        self.by_token.get_mut(token)
    }

    pub(crate) fn record_put(
        &mut self,
        token: &str,
        content_type: Option<String>,
        sent_authorization: bool,
    ) {
        if let Some(record) = self.records.get_mut(token) {
            record.puts += 1;
            record.content_type = content_type;
            record.sent_authorization |= sent_authorization;
        }
    }

    /// PUTs tried on the ticket of `token` so far.
    pub(crate) fn puts(&self, token: &str) -> u32 {
        self.records.get(token).map_or(0, |record| record.puts)
    }

    pub(crate) fn complete(&mut self, token: &str, bytes: u64) {
        if let Some(upload) = self.by_token.get_mut(token) {
            upload.received = Some(bytes);
        }
        if let Some(record) = self.records.get_mut(token) {
            record.received = Some(bytes);
        }
    }

    /// Takes the identity for a new project: known, its file fully received and not used
    /// before. The reason it cannot be used otherwise.
    pub(crate) fn take_identity(&mut self, identity: &str) -> Result<(), String> {
        let upload = self
            .by_token
            .values_mut()
            .find(|upload| upload.identity == identity)
            .ok_or_else(|| format!("unknown file identity: {identity}"))?;
        if upload.received.is_none() {
            return Err(format!("the file {identity} was never uploaded"));
        }
        if upload.used {
            return Err(format!(
                "the file {identity} was already used for a project; upload it again"
            ));
        }
        upload.used = true;
        Ok(())
    }

    pub(crate) fn records(&self) -> Vec<UploadRecord> {
        let mut records: Vec<UploadRecord> = self.records.values().cloned().collect();
        records.sort_by(|a, b| a.identity.cmp(&b.identity));
        records
    }

    pub(crate) fn clear(&mut self) {
        self.by_token.clear();
        self.records.clear();
    }
}
