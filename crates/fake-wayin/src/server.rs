use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::FakeConfig;
use crate::control::Control;
use crate::routes;
use crate::state::{AppState, SharedState};

/// Downloads still running at shutdown get this long to finish before they are cut.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A running fake bound to 127.0.0.1. Dropping it stops the server too, without waiting.
pub struct FakeServer {
    address: SocketAddr,
    state: SharedState,
    stop: Option<oneshot::Sender<()>>,
    serving: Option<JoinHandle<()>>,
}

impl FakeServer {
    pub async fn start(config: FakeConfig) -> io::Result<FakeServer> {
        if !(config.speed.is_finite() && config.speed > 0.0) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("speed must be a positive number, got {}", config.speed),
            ));
        }
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port)).await?;
        let address = listener.local_addr()?;
        let state: SharedState = Arc::new(AppState::new(config, format!("http://{address}")));
        let app = routes::router(state.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let listener = listener.tap_io(|tcp| {
            // Small JSON answers must not wait for Nagle's algorithm.
            let _ = tcp.set_nodelay(true);
        });
        let serving = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
            if let Err(error) = served {
                tracing::error!(%error, "fake-wayin server stopped with an error");
            }
        });
        Ok(FakeServer {
            address,
            state,
            stop: Some(stop),
            serving: Some(serving),
        })
    }

    /// `http://127.0.0.1:PORT/api/v2`, the base URL a client is configured with.
    pub fn base_url(&self) -> String {
        format!("{}/api/v2", self.origin())
    }

    /// `http://127.0.0.1:PORT`, where the CDN and `/__fake` admin routes live.
    pub fn origin(&self) -> String {
        self.state.origin.clone()
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    pub fn api_key(&self) -> &str {
        &self.state.config.api_key
    }

    pub fn control(&self) -> Control {
        Control::new(self.state.clone())
    }

    /// Stops accepting connections and waits (briefly) for requests in flight to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut serving) = self.serving.take() {
            if tokio::time::timeout(SHUTDOWN_GRACE, &mut serving)
                .await
                .is_err()
            {
                serving.abort();
            }
        }
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
