//! Finished clips for the app's own `<video>`, over HTTP on 127.0.0.1.
//!
//! Some web views (WebKitGTK) stream media only from http(s): their media loader
//! never asks a custom URL scheme for ranges, so a clip there would have to be
//! read whole into memory. This server lets the player stream and seek instead.
//!
//! Only the page may use it: it listens on the loopback address alone, every
//! path carries a random token made for this launch, a request naming another
//! host (DNS rebinding) is refused, and it serves nothing but the files its
//! [`ClipFiles`] hands out by shelf and download id. A shelf names the collection
//! an id belongs to (the app numbers each mode's downloads on its own), so a URL
//! handed out for one never opens the other's clip of the same number.

mod range;
mod serve;
mod token;

use std::fs::File;
use std::future::Future;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::pin::Pin;
use std::sync::Arc;

pub use range::parse_range;
pub use serve::{HEADER_READ_TIMEOUT, MAX_STREAMS};

/// Why no file is served for an id: said to the player as a 404.
pub type Refusal = String;

/// Opens the finished file of a download id on a shelf; the app decides which shelves
/// and ids exist and opens without following links.
pub type ClipFiles = Arc<
    dyn Fn(String, i64) -> Pin<Box<dyn Future<Output = Result<File, Refusal>> + Send>>
        + Send
        + Sync,
>;

/// A bound, not yet serving, loopback listener and the token of this launch.
pub struct ClipStream {
    listener: TcpListener,
    addr: SocketAddr,
    token: String,
}

impl ClipStream {
    /// Binds a free port on 127.0.0.1 and makes this launch's token. Synchronous,
    /// so the address is known before the page asks for any clip.
    pub fn bind() -> io::Result<Self> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        Ok(ClipStream {
            listener,
            addr,
            token: token::new()?,
        })
    }

    /// `http://127.0.0.1:<port>/<token>/`: every clip's URL starts so.
    pub fn base(&self) -> String {
        base(self.addr, &self.token)
    }

    /// Serves until the runtime ends. Must run on a Tokio runtime.
    pub async fn serve(self, files: ClipFiles) -> io::Result<()> {
        let listener = tokio::net::TcpListener::from_std(self.listener)?;
        serve::accept_loop(
            listener,
            Arc::new(serve::Site::new(self.addr, self.token, files)),
        )
        .await
    }
}

fn base(addr: SocketAddr, token: &str) -> String {
    format!("http://{addr}/{token}/")
}

/// The URL of download `id` on `shelf` (lowercase letters) under `base` (from
/// [`ClipStream::base`]).
pub fn clip_url(base: &str, shelf: &str, id: i64) -> String {
    format!("{base}{shelf}/{id}.mp4")
}
