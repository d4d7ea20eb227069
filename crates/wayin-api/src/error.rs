use std::time::Duration;

use thiserror::Error;

/// What went wrong, in the terms a person must act on differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    KeyRejected,
    RateLimited,
    NotFound,
    InvalidRequest,
    ServerError,
    Network,
    UnexpectedResponse,
    InvalidConfig,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::KeyRejected => "key_rejected",
            Self::RateLimited => "rate_limited",
            Self::NotFound => "not_found",
            Self::InvalidRequest => "invalid_request",
            Self::ServerError => "server_error",
            Self::Network => "network",
            Self::UnexpectedResponse => "unexpected_response",
            Self::InvalidConfig => "invalid_config",
        }
    }
}

/// One error type for every call. Messages say what to do next; none of them can
/// contain the API key (excerpts of response bodies are scrubbed of it).
#[derive(Debug, Clone, Error)]
pub enum ApiError {
    #[error("The API key was rejected (HTTP 403). Check the key in Settings, or create a new one in your WayinVideo account.")]
    KeyRejected,

    #[error("{}", rate_limited_message(*.retry_after))]
    RateLimited { retry_after: Option<Duration> },

    #[error("{what} was not found.{}", hint.as_deref().map(|h| format!(" {h}")).unwrap_or_default())]
    NotFound { what: String, hint: Option<String> },

    /// The vendor's own words, verbatim: they name the field that is wrong.
    #[error("The API refused the request: {message}")]
    InvalidRequest { message: String },

    #[error("The WayinVideo service failed (HTTP {status}){}. Try again in a few minutes.", message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    Server {
        status: u16,
        message: Option<String>,
    },

    #[error("{}", network_message(*.timeout, message))]
    Network {
        message: String,
        timeout: bool,
        /// False only when the request surely never left this machine (no connection
        /// was made): then even a paid call may be sent again.
        may_have_reached_server: bool,
    },

    #[error("The API answered something this app does not understand (HTTP {status}): {excerpt}")]
    UnexpectedResponse { status: u16, excerpt: String },

    #[error("{message}")]
    InvalidConfig { message: String },
}

fn rate_limited_message(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!(
            "WayinVideo's rate limit was reached (15 requests a minute, 5 projects at once). Try again in {} s.",
            wait.as_secs().max(1)
        ),
        None => "WayinVideo's rate limit was reached (15 requests a minute, 5 projects at once). Try again in a minute.".to_owned(),
    }
}

fn network_message(timeout: bool, message: &str) -> String {
    if timeout {
        format!("The WayinVideo service did not answer in time ({message}). Check your connection and try again.")
    } else {
        format!("Could not reach the WayinVideo service ({message}). Check your connection and try again.")
    }
}

impl ApiError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::KeyRejected => ErrorKind::KeyRejected,
            Self::RateLimited { .. } => ErrorKind::RateLimited,
            Self::NotFound { .. } => ErrorKind::NotFound,
            Self::InvalidRequest { .. } => ErrorKind::InvalidRequest,
            Self::Server { .. } => ErrorKind::ServerError,
            Self::Network { .. } => ErrorKind::Network,
            Self::UnexpectedResponse { .. } => ErrorKind::UnexpectedResponse,
            Self::InvalidConfig { .. } => ErrorKind::InvalidConfig,
        }
    }

    /// Worth trying again later with the same input.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. } | Self::Server { .. } | Self::Network { .. }
        )
    }

    /// For a paid call: whether the server may have acted on it. When true and the
    /// answer is lost, the outcome is unknown and the call must not be repeated blindly.
    pub fn may_have_reached_server(&self) -> bool {
        match self {
            Self::Network {
                may_have_reached_server,
                ..
            } => *may_have_reached_server,
            Self::Server { .. } | Self::UnexpectedResponse { .. } => true,
            _ => false,
        }
    }
}

/// A short, single-line excerpt of a response body for error messages, with the key
/// scrubbed out in case the server echoed it back.
pub(crate) fn excerpt(body: &str, secret: &str) -> String {
    const LIMIT: usize = 200;
    // Signed links (an export_link in a body the client could not read) are secrets too:
    // a URL keeps its address but loses its query string.
    let mut text: String = body
        .split_whitespace()
        .map(without_query)
        .collect::<Vec<_>>()
        .join(" ");
    if !secret.is_empty() {
        text = text.replace(secret, "***");
    }
    if text.is_empty() {
        return "(empty body)".to_owned();
    }
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

fn without_query(word: &str) -> std::borrow::Cow<'_, str> {
    match word.find("http") {
        Some(at) if word[at..].starts_with("http://") || word[at..].starts_with("https://") => {
            match word[at..].find('?') {
                Some(q) => {
                    let end = word[at + q..]
                        .find(['"', '\'', ',', '}', ']', ' '])
                        .map_or(word.len(), |e| at + q + e);
                    format!("{}?…{}", &word[..at + q], &word[end..]).into()
                }
                None => word.into(),
            }
        }
        _ => word.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_links_lose_their_query_in_excerpts() {
        let body = r#"{"data":{"clips":[{"export_link":"https://cdn.example.com/a.mp4?Expires=1&Signature=abc"}]}"#;
        let text = excerpt(body, "key");
        assert!(!text.contains("Signature"), "{text}");
        assert!(
            text.contains("https://cdn.example.com/a.mp4?…\"}]}"),
            "{text}"
        );
    }

    #[test]
    fn excerpt_is_short_single_line_and_scrubbed() {
        let body = format!("oops\n\n the key sk_123 was {}", "x".repeat(500));
        let text = excerpt(&body, "sk_123");
        assert!(!text.contains("sk_123"));
        assert!(text.starts_with("oops the key *** was"));
        assert!(!text.contains('\n'));
        assert_eq!(text.chars().count(), 201);
        assert_eq!(excerpt("  ", "k"), "(empty body)");
    }

    #[test]
    fn messages_say_what_to_do() {
        let e = ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(7)),
        };
        assert!(e.to_string().contains("Try again in 7 s"));
        let e = ApiError::NotFound {
            what: "Project hmtask_1".into(),
            hint: Some("Use the API's project id.".into()),
        };
        assert_eq!(
            e.to_string(),
            "Project hmtask_1 was not found. Use the API's project id."
        );
        assert_eq!(e.kind().as_str(), "not_found");
    }
}
