//! Fetches the API tells us to make (thumbnails, export links) stay in bounds.
//!
//! A URL from an API answer is data, not an instruction: it may only name an https address on
//! the public internet, or the API's own host. Plain http is allowed only while the API
//! itself is plain http on loopback (development and tests against the local fake). The
//! check runs on the URL, on every address a name resolves to (the address actually
//! connected, so a name that resolves differently the second time gains nothing), and again
//! on every redirect, of which there may be a few, all to https.

mod address;
mod resolver;

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use url::{Host, Url};

use crate::base_url::BaseUrl;

pub use address::is_public;

/// Redirects followed before a fetch is given up.
pub const MAX_REDIRECTS: usize = 3;

/// Why a URL named by the API was not fetched. Names the host, never the query (signed links
/// carry their credentials there).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FetchRefused(String);

impl FetchRefused {
    fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

/// The rules for one API address. Cheap to clone.
#[derive(Clone, Debug)]
pub struct FetchGuard(Arc<Policy>);

#[derive(Debug)]
pub(crate) struct Policy {
    /// The API's host name, lowercase, when it is a name.
    api_name: Option<String>,
    /// Addresses that are the API's own host whatever their range.
    api_addresses: HashSet<IpAddr>,
    /// The API is plain http on loopback: the local fake serves its CDN the same way.
    plain_http: bool,
}

impl FetchGuard {
    pub fn for_api(base: &BaseUrl) -> Self {
        let url = base.url();
        let mut api_addresses = HashSet::new();
        let mut api_name = None;
        match url.host() {
            Some(Host::Ipv4(ip)) => {
                api_addresses.insert(IpAddr::V4(ip));
            }
            Some(Host::Ipv6(ip)) => {
                api_addresses.insert(IpAddr::V6(ip));
            }
            Some(Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                if name == "localhost" {
                    api_addresses.insert(IpAddr::V4(Ipv4Addr::LOCALHOST));
                    api_addresses.insert(IpAddr::V6(Ipv6Addr::LOCALHOST));
                }
                api_name = Some(name);
            }
            None => {}
        }
        Self(Arc::new(Policy {
            api_name,
            api_addresses,
            plain_http: url.scheme() == "http" && base.is_loopback(),
        }))
    }

    /// Whether `url` may be fetched at all, before any name is resolved. Addresses written
    /// in the URL are checked here; names are checked once resolved.
    pub fn check_url(&self, url: &Url) -> Result<(), FetchRefused> {
        self.0.check_url(url)
    }

    /// Whether a redirect from `previous` to `url` may be followed.
    pub fn check_redirect(&self, url: &Url, previous: &[Url]) -> Result<(), FetchRefused> {
        if previous.len() > MAX_REDIRECTS {
            return Err(FetchRefused::new(format!(
                "more than {MAX_REDIRECTS} redirects"
            )));
        }
        if url.scheme() != "https" {
            return Err(FetchRefused::new(format!(
                "a redirect to {} is not https",
                host_of(url)
            )));
        }
        self.check_url(url)
    }

    /// A client builder with the guard in place: the resolver that drops internal addresses,
    /// the redirect policy, rustls, and no proxy (through a proxy the address connected
    /// would be the proxy's, and the target's could not be checked). Callers add timeouts.
    pub fn client_builder(&self) -> reqwest::ClientBuilder {
        let redirects = self.clone();
        crate::tls::client_builder()
            .no_proxy()
            .dns_resolver(Arc::new(resolver::GuardedResolver::new(self.0.clone())))
            .redirect(reqwest::redirect::Policy::custom(
                move |attempt| match redirects.check_redirect(attempt.url(), attempt.previous()) {
                    Ok(()) => attempt.follow(),
                    Err(refused) => attempt.error(refused),
                },
            ))
    }
}

impl Policy {
    fn check_url(&self, url: &Url) -> Result<(), FetchRefused> {
        match url.scheme() {
            "https" => {}
            "http" if self.plain_http => {}
            "http" => {
                return Err(FetchRefused::new(format!(
                    "{} is plain http; only https is fetched",
                    host_of(url)
                )))
            }
            other => {
                return Err(FetchRefused::new(format!(
                    "a {other}: URL is not fetched; only https is"
                )))
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(FetchRefused::new(format!(
                "the URL for {} carries credentials",
                host_of(url)
            )));
        }
        let ip = match url.host() {
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
            Some(Host::Domain(_)) => return Ok(()),
            None => return Err(FetchRefused::new("the URL names no host")),
        };
        if self.address_allowed(ip) {
            Ok(())
        } else {
            Err(refused_address(&ip.to_string()))
        }
    }

    pub(crate) fn is_api_name(&self, name: &str) -> bool {
        self.api_name
            .as_deref()
            .is_some_and(|api| api == name.trim_end_matches('.').to_ascii_lowercase())
    }

    pub(crate) fn address_allowed(&self, ip: IpAddr) -> bool {
        is_public(ip) || self.api_addresses.contains(&canonical(ip))
    }
}

/// `::ffff:127.0.0.1` is 127.0.0.1.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

pub(crate) fn refused_address(host: &str) -> FetchRefused {
    FetchRefused::new(format!(
        "{host} is a local, private or reserved address; only public addresses are fetched"
    ))
}

fn host_of(url: &Url) -> String {
    url.host_str().unwrap_or("(no host)").to_owned()
}

/// A client that checks every URL before sending to it: see [`FetchGuard`]. Cheap to clone.
#[derive(Clone, Debug)]
pub struct FetchClient {
    http: reqwest::Client,
    guard: FetchGuard,
}

impl FetchClient {
    /// `configure` adds what differs between uses (timeouts, user agent) to the guarded builder.
    pub fn new(
        guard: FetchGuard,
        configure: impl FnOnce(reqwest::ClientBuilder) -> reqwest::ClientBuilder,
    ) -> Result<Self, reqwest::Error> {
        let http = configure(guard.client_builder()).build()?;
        Ok(Self { http, guard })
    }

    /// A GET of `url`, or why it may not be sent.
    pub fn get(&self, url: &str) -> Result<reqwest::RequestBuilder, FetchRefused> {
        Ok(self.http.get(self.checked(url)?))
    }

    /// A PUT to `url` (an upload link), or why it may not be sent.
    pub fn put(&self, url: &str) -> Result<reqwest::RequestBuilder, FetchRefused> {
        Ok(self.http.put(self.checked(url)?))
    }

    fn checked(&self, url: &str) -> Result<Url, FetchRefused> {
        let parsed = Url::parse(url).map_err(|_| FetchRefused::new("not a valid URL"))?;
        self.guard.check_url(&parsed)?;
        Ok(parsed)
    }

    pub fn guard(&self) -> &FetchGuard {
        &self.guard
    }
}

/// The refusal behind a failed request (an address its name resolved to, or a redirect), if
/// the guard is why it failed.
pub fn refusal_of(error: &reqwest::Error) -> Option<FetchRefused> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = source {
        if let Some(refused) = cause.downcast_ref::<FetchRefused>() {
            return Some(refused.clone());
        }
        source = cause.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(api: &str) -> FetchGuard {
        FetchGuard::for_api(&BaseUrl::parse(api).unwrap())
    }

    fn check(guard: &FetchGuard, url: &str) -> Result<(), FetchRefused> {
        guard.check_url(&Url::parse(url).unwrap())
    }

    #[test]
    fn the_real_api_allows_public_https_only() {
        let guard = guard("https://wayinvideo-api.wayin.ai/api/v2");
        assert!(check(&guard, "https://cdn.example.com/a.jpg").is_ok());
        assert!(check(&guard, "https://8.8.8.8/a.jpg").is_ok());
        for refused in [
            "http://cdn.example.com/a.jpg",
            "file:///etc/passwd",
            "ftp://cdn.example.com/a.jpg",
            "https://127.0.0.1/a.jpg",
            "https://169.254.169.254/latest/meta-data/",
            "https://10.0.0.1/a.jpg",
            "https://192.168.1.1/a.jpg",
            "https://[::1]/a.jpg",
            "https://[::ffff:127.0.0.1]/a.jpg",
            "https://[fe80::1]/a.jpg",
            "https://0.0.0.0/a.jpg",
            "https://user:pw@cdn.example.com/a.jpg",
        ] {
            assert!(check(&guard, refused).is_err(), "{refused} must be refused");
        }
    }

    #[test]
    fn a_loopback_api_allows_its_own_host_and_nothing_else_local() {
        let guard = guard("http://127.0.0.1:8787/api/v2");
        assert!(check(&guard, "http://127.0.0.1:9999/cdn/a.mp4").is_ok());
        assert!(check(&guard, "https://127.0.0.1/cdn/a.mp4").is_ok());
        assert!(check(&guard, "http://127.0.0.2:8787/cdn/a.mp4").is_err());
        assert!(check(&guard, "http://[::1]:8787/cdn/a.mp4").is_err());
        assert!(check(&guard, "http://169.254.169.254/").is_err());

        let named = self::guard("http://localhost:8787/api/v2");
        assert!(check(&named, "http://127.0.0.1:8787/cdn/a.mp4").is_ok());
        assert!(check(&named, "http://[::1]:8787/cdn/a.mp4").is_ok());
        assert!(check(&named, "http://127.0.0.2:8787/cdn/a.mp4").is_err());
        assert!(named.0.is_api_name("LOCALHOST."));
        assert!(!named.0.is_api_name("evil.example"));
    }

    #[test]
    fn redirects_go_to_https_public_addresses_a_few_times_at_most() {
        // Tried: a CDN that redirects to loopback, to plain http, or in circles.
        let guard = guard("http://127.0.0.1:8787/api/v2");
        let from = [Url::parse("http://127.0.0.1:8787/cdn/a.jpg").unwrap()];
        let to = |url: &str| Url::parse(url).unwrap();
        assert!(guard
            .check_redirect(&to("https://cdn.example.com/a.jpg"), &from)
            .is_ok());
        assert!(guard
            .check_redirect(&to("https://127.0.0.2/a.jpg"), &from)
            .is_err());
        assert!(guard
            .check_redirect(&to("http://127.0.0.1:8787/b.jpg"), &from)
            .is_err());
        let many = vec![from[0].clone(); MAX_REDIRECTS + 1];
        assert!(guard
            .check_redirect(&to("https://cdn.example.com/a.jpg"), &many)
            .is_err());
    }
}
