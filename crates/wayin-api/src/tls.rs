//! The app's one TLS stack: rustls with ring. reqwest is built without a crypto provider of
//! its own, so the HTTP client and Tauri's updater share one reqwest and one rustls; every
//! client is built through here, after ring is made the process's provider.

/// Makes ring the process's TLS provider, unless one already is.
pub fn install_provider() {
    // Fails only when a provider is already installed, which is as good.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// A client builder on rustls with the provider in place.
pub fn client_builder() -> reqwest::ClientBuilder {
    install_provider();
    reqwest::Client::builder().use_rustls_tls()
}
