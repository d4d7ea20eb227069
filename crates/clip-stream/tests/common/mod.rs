//! A clip server on the test's runtime, serving the files of a map by id.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use clip_stream::{ClipFiles, ClipStream};

pub struct Running {
    pub base: String,
}

/// The one shelf these tests serve.
pub const SHELF: &str = "live";

impl Running {
    pub fn url(&self, id: i64) -> String {
        clip_stream::clip_url(&self.base, SHELF, id)
    }

    pub fn url_on(&self, shelf: &str, id: i64) -> String {
        clip_stream::clip_url(&self.base, shelf, id)
    }
}

/// Serves `files` (download id → path) on [`SHELF`] on the current runtime; any other
/// shelf or id is refused as the app refuses it.
pub fn serve(files: HashMap<i64, PathBuf>) -> Running {
    let stream = ClipStream::bind().unwrap();
    let base = stream.base();
    let files = Arc::new(files);
    let open: ClipFiles = Arc::new(move |shelf, id| {
        let path = files.get(&id).cloned().filter(|_| shelf == SHELF);
        Box::pin(async move {
            let path = path.ok_or_else(|| format!("download {id} is not a finished clip"))?;
            std::fs::File::open(path).map_err(|err| err.to_string())
        })
    });
    tokio::spawn(stream.serve(open));
    Running { base }
}

/// An HTTP client builder, with the TLS provider reqwest leaves to the app installed.
pub fn client_builder() -> reqwest::ClientBuilder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
}
