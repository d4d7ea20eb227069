//! Upload tickets and what their pre-signed links received. A ticket's link expires after an
//! hour, takes one PUT of at most the configured size, and its identity names one project.

use std::collections::HashMap;

/// One ticket handed out by `POST /upload/single-file`.
pub(crate) struct Upload {
    pub expires_at_ms: u64,
    /// Its identity already named a project: it is for one-time use.
    pub used: bool,
    /// What a test can see of it.
    pub record: UploadRecord,
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

impl Upload {
    pub(crate) fn new(identity: String, name: String, expires_at_ms: u64) -> Self {
        Self {
            expires_at_ms,
            used: false,
            record: UploadRecord {
                name,
                identity,
                received: None,
                content_type: None,
                sent_authorization: false,
                puts: 0,
            },
        }
    }
}

#[derive(Default)]
pub(crate) struct UploadBook {
    by_token: HashMap<String, Upload>,
}

impl UploadBook {
    pub(crate) fn issue(&mut self, token: String, upload: Upload) {
        self.by_token.insert(token, upload);
    }

    pub(crate) fn get_mut(&mut self, token: &str) -> Option<&mut Upload> {
        self.by_token.get_mut(token)
    }

    /// Counts a PUT on the ticket of `token`; how many it has had, this one included.
    pub(crate) fn record_put(
        &mut self,
        token: &str,
        content_type: Option<String>,
        sent_authorization: bool,
    ) -> u32 {
        let Some(upload) = self.by_token.get_mut(token) else {
            return 0;
        };
        let record = &mut upload.record;
        record.puts += 1;
        record.content_type = content_type;
        record.sent_authorization |= sent_authorization;
        record.puts
    }

    pub(crate) fn complete(&mut self, token: &str, bytes: u64) {
        if let Some(upload) = self.by_token.get_mut(token) {
            upload.record.received = Some(bytes);
        }
    }

    /// Takes the identity for a new project: known, its file fully received and not used
    /// before. The reason it cannot be used otherwise.
    pub(crate) fn take_identity(&mut self, identity: &str) -> Result<(), String> {
        let upload = self
            .by_token
            .values_mut()
            .find(|upload| upload.record.identity == identity)
            .ok_or_else(|| format!("unknown file identity: {identity}"))?;
        if upload.record.received.is_none() {
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
        let mut records: Vec<UploadRecord> =
            self.by_token.values().map(|u| u.record.clone()).collect();
        records.sort_by(|a, b| a.identity.cmp(&b.identity));
        records
    }

    pub(crate) fn clear(&mut self) {
        self.by_token.clear();
    }
}
