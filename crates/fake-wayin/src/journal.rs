use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One call to the `/api/v2` routes as the server answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    pub status: u16,
}

/// One request to the CDN routes (clip files and thumbnails), which the API log leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CdnRequest {
    pub path: String,
    /// The `Range` header exactly as sent, so tests can see how a download resumed.
    pub range: Option<String>,
    pub status: u16,
    /// Body bytes after which the connection was cut by the `drop_after_bytes` fault.
    pub cut_after: Option<u64>,
}

/// What the server has seen, for assertions in tests.
#[derive(Default)]
pub(crate) struct Journal {
    pub api_requests: Vec<LoggedRequest>,
    /// The exact bodies of accepted export submissions, in order.
    pub accepted_exports: Vec<Value>,
    /// Bodies of accepted project creations, AI Clipping and Find Moments alike.
    pub accepted_creations: Vec<Value>,
    pub cdn_requests: Vec<CdnRequest>,
}
