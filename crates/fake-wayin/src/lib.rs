//! A local stand-in of the WayinVideo v2 clips API.
//!
//! It answers the four endpoints the app uses with the documented statuses, error bodies, limits
//! and quirks (see `shared/api/REFERENCE.md`), serves the rendered clips from a CDN-like route with
//! signed, expiring links, and can be told to misbehave (dropped connections, 500s, slow answers,
//! late links, ...) so the client's recovery paths can be exercised. Tests, benchmarks and the
//! app's demo mode all run against it.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use fake_wayin::{FakeConfig, FakeServer, FaultScope, Faults};
//! let server = FakeServer::start(FakeConfig { speed: 50.0, ..FakeConfig::default() }).await?;
//! server.control().set_faults(
//!     FaultScope::Global,
//!     Faults { drop_after_bytes: Some(10_000), ..Faults::default() },
//! );
//! println!("{} with key {}", server.base_url(), server.api_key());
//! server.shutdown().await;
//! # Ok(()) }
//! ```

mod body_stream;
mod catalog;
mod clock;
mod config;
mod control;
mod creations;
mod envelope;
mod faults;
mod fixtures;
mod journal;
mod links;
mod media;
mod random;
mod range;
mod rate_limit;
mod routes;
mod server;
mod state;
mod synthetic;
mod tasks;
mod uploads;
mod validate;
mod validate_create;
mod views;
mod vocabulary;

pub use config::{FakeConfig, TEST_API_KEY};
pub use control::Control;
pub use faults::{FaultScope, Faults};
pub use fixtures::DEMO_PROJECT_IDS;
pub use journal::{CdnRequest, LoggedRequest};
pub use server::FakeServer;
pub use uploads::UploadRecord;
