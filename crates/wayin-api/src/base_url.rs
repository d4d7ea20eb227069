use std::fmt;
use std::net::IpAddr;

use url::{Host, Url};

use crate::error::ApiError;

/// The vendor's API root.
pub const DEFAULT_BASE_URL: &str = "https://wayinvideo-api.wayin.ai/api/v2";

/// The API root, including `/api/v2`. Plain `http` is refused except on loopback,
/// where the local stand-in of the API runs: the key must never cross a network in clear.
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    pub fn parse(text: &str) -> Result<Self, ApiError> {
        let invalid = |why: &str| ApiError::InvalidConfig {
            message: format!("API base URL {text:?} {why}"),
        };
        let mut url =
            Url::parse(text.trim()).map_err(|e| invalid(&format!("is not a URL ({e})")))?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("must not carry a query or fragment"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("must not carry credentials"));
        }
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => {
                return Err(invalid(
                    "must use https (plain http is allowed on loopback only)",
                ))
            }
            _ => return Err(invalid("must be an https URL")),
        }
        let path = url.path().trim_end_matches('/').to_owned();
        url.set_path(&path);
        Ok(Self(url))
    }

    /// `base` + `/` + `path`, with each path segment percent-encoded so an id cannot
    /// climb out of its route.
    pub(crate) fn join(&self, segments: &[&str]) -> Url {
        let mut url = self.0.clone();
        {
            let mut parts = url.path_segments_mut().expect("http(s) URLs have paths");
            parts.pop_if_empty();
            for segment in segments {
                parts.push(segment);
            }
        }
        url
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub(crate) fn url(&self) -> &Url {
        &self.0
    }

    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.0)
    }

    /// `scheme://host[:port]`, the default port left out: what a stored key is
    /// bound to, so two addresses on one server share a key and no other does.
    pub fn origin(&self) -> String {
        self.0.origin().ascii_serialization()
    }
}

impl Default for BaseUrl {
    fn default() -> Self {
        Self::parse(DEFAULT_BASE_URL).expect("the default base URL is valid")
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BaseUrl({})", self.0)
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_on_loopback() {
        assert!(BaseUrl::parse("https://wayinvideo-api.wayin.ai/api/v2").is_ok());
        assert!(BaseUrl::parse("http://127.0.0.1:8787/api/v2").is_ok());
        assert!(BaseUrl::parse("http://127.9.9.9/api/v2").is_ok());
        assert!(BaseUrl::parse("http://localhost:1/api/v2").is_ok());
        assert!(BaseUrl::parse("http://[::1]:9/api/v2").is_ok());
        for bad in [
            "http://example.com/api/v2",
            "http://10.0.0.1/api/v2",
            "ftp://127.0.0.1/",
            "not a url",
            "https://user:pw@example.com/api/v2",
            "https://example.com/api/v2?x=1",
        ] {
            let err = BaseUrl::parse(bad).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::InvalidConfig, "{bad}");
        }
    }

    #[test]
    fn origin_is_scheme_host_and_port_only() {
        assert_eq!(
            BaseUrl::default().origin(),
            "https://wayinvideo-api.wayin.ai"
        );
        assert_eq!(
            BaseUrl::parse("https://WayinVideo-API.wayin.ai:443/api/v3/")
                .unwrap()
                .origin(),
            "https://wayinvideo-api.wayin.ai"
        );
        assert_eq!(
            BaseUrl::parse("http://127.0.0.1:8787/api/v2")
                .unwrap()
                .origin(),
            "http://127.0.0.1:8787"
        );
        assert_ne!(
            BaseUrl::parse("https://wayinvideo-api.wayin.ai.evil.test/api/v2")
                .unwrap()
                .origin(),
            BaseUrl::default().origin()
        );
    }

    #[test]
    fn joins_segments_encoded_and_without_double_slashes() {
        let base = BaseUrl::parse("http://127.0.0.1:1/api/v2/").unwrap();
        assert_eq!(
            base.join(&["clips", "export", "../../x?y"]).as_str(),
            "http://127.0.0.1:1/api/v2/clips/export/..%2F..%2Fx%3Fy"
        );
    }
}
