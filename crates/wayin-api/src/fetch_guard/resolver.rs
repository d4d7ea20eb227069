//! Name resolution that drops addresses a fetch may not reach, so the check applies to the
//! address actually connected: a name cannot pass as public and then connect to loopback.

use std::net::SocketAddr;
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::{refused_address, Policy};

pub(super) struct GuardedResolver {
    policy: Arc<Policy>,
}

impl GuardedResolver {
    pub(super) fn new(policy: Arc<Policy>) -> Self {
        Self { policy }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let own_host = policy.is_api_name(&host);
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|addr| own_host || policy.address_allowed(addr.ip()))
                .collect();
            if allowed.is_empty() {
                return Err(Box::new(refused_address(&host)) as _);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}
