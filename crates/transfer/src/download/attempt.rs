//! One request for the rest of a file, and what its answer means for the download.

use reqwest::header::{HeaderMap, ACCEPT_ENCODING, CONTENT_LENGTH, CONTENT_RANGE, RANGE};
use reqwest::StatusCode;
use wayin_api::fetch_guard::refusal_of;
use wayin_api::FetchClient;

use super::error::network_message;
use super::TransferError;

pub(super) enum Answer {
    /// Bytes follow, starting at file offset `start`.
    Body {
        response: reqwest::Response,
        start: u64,
        total: Option<u64>,
    },
    /// Nothing left to fetch: the part already holds the whole file of `total` bytes.
    Complete {
        total: u64,
    },
    /// The server's answer does not fit the bytes already kept: fetch the file from byte 0.
    Restart,
    /// The link expired or was withdrawn; a fresh one may work.
    Expired,
    /// Worth trying again after a pause: connection trouble, overload, a server hiccup.
    Transient(String),
    Failed(TransferError),
}

/// Asks for the file from byte `start` on. Only `Range` and `Accept-Encoding` are sent: the
/// link is a CDN URL and must never see the API's credentials.
pub(super) async fn request(
    http: &FetchClient,
    link: &str,
    start: u64,
    expected_len: Option<u64>,
) -> Answer {
    // A compressed body would make byte offsets and lengths meaningless for resuming.
    let request = match http.get(link) {
        Ok(request) => request,
        Err(refused) => return Answer::Failed(TransferError::LinkRefused(refused.to_string())),
    };
    let mut request = request.header(ACCEPT_ENCODING, "identity");
    if start > 0 {
        request = request.header(RANGE, format!("bytes={start}-"));
    }
    let response = match request.send().await {
        Ok(response) => response,
        // An address or redirect the guard refused will be refused again: no retry.
        Err(err) => match refusal_of(&err) {
            Some(refused) => {
                return Answer::Failed(TransferError::LinkRefused(refused.to_string()))
            }
            None => return Answer::Transient(network_message(err)),
        },
    };
    let status = response.status();
    match status {
        StatusCode::OK => {
            let total = content_length(response.headers());
            Answer::Body {
                response,
                start: 0,
                total,
            }
        }
        StatusCode::PARTIAL_CONTENT => match content_range(response.headers()) {
            Some(range) if range.start.is_some_and(|first| first <= start) => Answer::Body {
                start: range.start.unwrap_or(0),
                total: range.total,
                response,
            },
            // A gap after what we hold, or no usable Content-Range: nothing to append to.
            _ => Answer::Restart,
        },
        StatusCode::RANGE_NOT_SATISFIABLE => {
            let total = content_range(response.headers()).and_then(|range| range.total);
            match total.or(expected_len) {
                Some(total) if start > 0 && total == start => Answer::Complete { total },
                _ => Answer::Restart,
            }
        }
        StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::GONE => Answer::Expired,
        StatusCode::REQUEST_TIMEOUT | StatusCode::TOO_MANY_REQUESTS => {
            Answer::Transient(format!("the server answered HTTP {}", status.as_u16()))
        }
        _ if status.is_server_error() => {
            Answer::Transient(format!("the server answered HTTP {}", status.as_u16()))
        }
        _ => Answer::Failed(TransferError::Http {
            status: status.as_u16(),
        }),
    }
}

fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

#[derive(Debug, PartialEq, Eq)]
struct ContentRange {
    /// First byte sent; `None` in the `bytes */total` form of a 416.
    start: Option<u64>,
    total: Option<u64>,
}

fn content_range(headers: &HeaderMap) -> Option<ContentRange> {
    parse_content_range(headers.get(CONTENT_RANGE)?.to_str().ok()?)
}

/// `bytes 10-99/100`, `bytes 10-99/*` or `bytes */100` (RFC 9110 §14.4).
fn parse_content_range(value: &str) -> Option<ContentRange> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = rest.split_once('/')?;
    let total = match total.trim() {
        "*" => None,
        text => Some(text.parse().ok()?),
    };
    let start = match range.trim() {
        "*" => None,
        text => {
            let (first, last) = text.split_once('-')?;
            let first: u64 = first.trim().parse().ok()?;
            let last: u64 = last.trim().parse().ok()?;
            if last < first || total.is_some_and(|total| last >= total) {
                return None;
            }
            Some(first)
        }
    };
    Some(ContentRange { start, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_forms() {
        assert_eq!(
            parse_content_range("bytes 10-99/100"),
            Some(ContentRange {
                start: Some(10),
                total: Some(100)
            })
        );
        assert_eq!(
            parse_content_range("bytes 10-99/*"),
            Some(ContentRange {
                start: Some(10),
                total: None
            })
        );
        assert_eq!(
            parse_content_range("bytes */100"),
            Some(ContentRange {
                start: None,
                total: Some(100)
            })
        );
        assert_eq!(parse_content_range("bytes 10-200/100"), None);
        assert_eq!(parse_content_range("items 1-2/3"), None);
    }
}
