use sha2::{Digest, Sha256};

use crate::random::random_hex;

/// Signs and checks `export_link`s the way a CDN's signed URLs work: the expiry is part of the
/// signed text, so a client can neither extend a link nor point it at another file.
pub(crate) struct LinkSigner {
    secret: String,
}

pub(crate) enum LinkCheck {
    Valid,
    Unsigned,
    BadSignature,
    Expired,
}

impl LinkSigner {
    pub(crate) fn new() -> LinkSigner {
        LinkSigner {
            secret: random_hex(32),
        }
    }

    fn signature(&self, task_id: &str, clip_idx: u32, expires_ms: u64) -> String {
        let mut hasher = Sha256::new();
        hasher.update(format!(
            "{}\n{task_id}\n{clip_idx}\n{expires_ms}",
            self.secret
        ));
        hasher.finalize()[..16]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    pub(crate) fn export_link(
        &self,
        origin: &str,
        task_id: &str,
        clip_idx: u32,
        expires_ms: u64,
    ) -> String {
        let sig = self.signature(task_id, clip_idx, expires_ms);
        format!("{origin}/cdn/export/{task_id}/{clip_idx}.mp4?expires={expires_ms}&sig={sig}")
    }

    /// Checks the `expires` and `sig` query parameters of a link against the current time.
    pub(crate) fn check(
        &self,
        task_id: &str,
        clip_idx: u32,
        query: Option<&str>,
        now_ms: u64,
    ) -> LinkCheck {
        let param = |name: &str| {
            query?
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value)
        };
        let (Some(expires), Some(sig)) = (param("expires"), param("sig")) else {
            return LinkCheck::Unsigned;
        };
        let Ok(expires_ms) = expires.parse::<u64>() else {
            return LinkCheck::BadSignature;
        };
        if sig != self.signature(task_id, clip_idx, expires_ms) {
            return LinkCheck::BadSignature;
        }
        if now_ms >= expires_ms {
            return LinkCheck::Expired;
        }
        LinkCheck::Valid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query_of(link: &str) -> &str {
        link.split_once('?').unwrap().1
    }

    #[test]
    fn accepts_its_own_links_and_rejects_edits() {
        let signer = LinkSigner::new();
        let link = signer.export_link("http://h", "export_task_1", 2, 5_000);
        let query = query_of(&link);
        assert!(matches!(
            signer.check("export_task_1", 2, Some(query), 4_999),
            LinkCheck::Valid
        ));
        assert!(matches!(
            signer.check("export_task_1", 2, Some(query), 5_000),
            LinkCheck::Expired
        ));
        assert!(matches!(
            signer.check("export_task_1", 3, Some(query), 0),
            LinkCheck::BadSignature
        ));
        let extended = query.replace("expires=5000", "expires=9000");
        assert!(matches!(
            signer.check("export_task_1", 2, Some(&extended), 0),
            LinkCheck::BadSignature
        ));
        assert!(matches!(
            signer.check("export_task_1", 2, None, 0),
            LinkCheck::Unsigned
        ));
    }
}
