//! What crosses to the page (docs/IPC.md): the shapes it receives and the one
//! error it can get, `{kind, message, field?}`.

mod creation_view;
mod error;
mod views;

pub use creation_view::CreationView;
pub use error::CommandError;
pub use views::*;
