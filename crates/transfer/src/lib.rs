//! Safe local files and transfers, knowing nothing of exports or projects: a clip downloaded
//! from a link to a finished file that is never short and never replaces another, files opened
//! without following links someone planted, folders only their owner may open, and the limits
//! of the drive that holds a folder. The engine runs its jobs on these; the front ends use the
//! file rules directly.

pub mod download;
pub mod no_follow;
pub mod private_fs;
mod progress;
pub mod upload;
pub mod volume;

pub use download::{
    http_client, part_path, redact_url, transfer, LinkRenewer, Progress, TransferError,
    TransferOptions, TransferOutcome, TransferRequest,
};
