//! The real desktop around the window (the [`Desktop`] the application asks of it), the
//! native drag-out and the macOS menu bar.

pub mod drag;
pub mod menu;
mod native;
pub mod updater;

pub use app::desktop::{BoxFuture, Desktop};
pub use native::NativeDesktop;
