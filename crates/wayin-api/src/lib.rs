//! Typed client of the WayinVideo v2 clips API.
//!
//! Knows HTTP and the API's shapes, nothing about disks or windows. Every call draws
//! from one per-key [`Budget`], so everything an app does with a key stays inside the
//! vendor's 15-requests-a-minute limit.

mod base_url;
pub mod body;
mod budget;
mod budget_owner;
mod client;
pub mod create;
mod env_secret;
mod envelope;
mod error;
pub mod fetch_guard;
mod key;
mod lenient;
mod models;
pub mod project_id;
pub mod request;
mod retry;
pub mod safe_text;
pub mod tls;

pub use base_url::{BaseUrl, DEFAULT_BASE_URL};
pub use budget::{Budget, BudgetConfig, Priority, SharedLedger};
pub use budget_owner::BudgetOwner;
pub use client::{ClientConfig, WayinClient};
pub use env_secret::take_env_secret;
pub use error::{ApiError, ErrorKind};
pub use fetch_guard::{FetchClient, FetchGuard, FetchRefused};
pub use key::ApiKey;
pub use models::{Clip, ExportSubmitted, ExportTask, ProjectClips, TaskKind, TaskStatus};
pub use request::{ExportOptions, ExportRequest, OptionsError, RequestError, RequestWarning};
pub use retry::RetryPolicy;
