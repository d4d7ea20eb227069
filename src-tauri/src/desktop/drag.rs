//! Dragging finished clips (one, or every clip of an export at once) and timeline
//! files out of the window as a real file drop (file managers, Premiere, Resolve,
//! Final Cut), through the `drag` crate. The operation is always Copy: a Move would
//! let Finder or Explorer take the file out of the download folder.

use std::path::{Path, PathBuf};

use tauri::{Runtime, WebviewWindow};

/// What the cursor carries while dragging.
const DRAG_ICON: &[u8] = include_bytes!("../../../icons/64x64.png");

/// Starts the drag of `paths` from `window`. Call on the UI thread.
pub fn start_from_window<R: Runtime>(
    window: &WebviewWindow<R>,
    paths: &[PathBuf],
) -> Result<(), String> {
    #[cfg(target_os = "linux")]
    {
        let gtk_window = window.gtk_window().map_err(|e| e.to_string())?;
        start_on_gtk(&gtk_window, paths)
    }
    #[cfg(not(target_os = "linux"))]
    {
        drag::start_drag(
            window,
            drag::DragItem::Files(paths.to_vec()),
            drag::Image::Raw(DRAG_ICON.to_vec()),
            log_outcome,
            copy_only(),
        )
        .map_err(|e| e.to_string())
    }
}

fn copy_only() -> drag::Options {
    drag::Options {
        mode: drag::DragMode::Copy,
        ..drag::Options::default()
    }
}

/// Linux: the drag runs on the window's GTK widget.
#[cfg(target_os = "linux")]
pub fn start_on_gtk(window: &gtk::ApplicationWindow, paths: &[PathBuf]) -> Result<(), String> {
    // drag 2 writes `file://{path}` into the text/uri-list without escaping it, so a
    // space, `#`, `%` or a non-ASCII letter would make a broken URI. Handing it the
    // paths already percent-encoded makes the URIs it writes exact.
    let escaped = paths
        .iter()
        .map(|path| PathBuf::from(file_uri_path(path)))
        .collect();
    let provider = keep_offering_until_drag_end(window, paths);
    let started = drag::start_drag(
        window,
        drag::DragItem::Files(escaped),
        drag::Image::Raw(DRAG_ICON.to_vec()),
        log_outcome,
        copy_only(),
    );
    if started.is_err() {
        provider.disconnect(window);
    }
    started.map_err(|e| e.to_string())
}

/// drag 2 stops answering data requests as soon as GTK reports the drop, which on
/// X11 comes before the receiving app asks for the file list: a file manager or
/// editor would get an empty drop. This second provider answers until the drag
/// has really ended.
#[cfg(target_os = "linux")]
fn keep_offering_until_drag_end(window: &gtk::ApplicationWindow, paths: &[PathBuf]) -> Provider {
    use gtk::prelude::WidgetExt;
    use std::cell::Cell;
    use std::rc::Rc;

    let uris: Vec<String> = paths
        .iter()
        .map(|path| format!("file://{}", file_uri_path(path)))
        .collect();
    let data = window.connect_drag_data_get(move |_, _, selection, _, _| {
        let uris: Vec<&str> = uris.iter().map(String::as_str).collect();
        selection.set_uris(&uris);
    });
    let provider = Provider {
        data: Rc::new(Cell::new(Some(data))),
        end: Rc::new(Cell::new(None)),
    };
    let on_end = provider.clone();
    let end = window.connect_drag_end(move |window, _| on_end.disconnect(window));
    provider.end.set(Some(end));
    provider
}

#[cfg(target_os = "linux")]
#[derive(Clone)]
struct Provider {
    data: std::rc::Rc<std::cell::Cell<Option<gtk::glib::SignalHandlerId>>>,
    end: std::rc::Rc<std::cell::Cell<Option<gtk::glib::SignalHandlerId>>>,
}

#[cfg(target_os = "linux")]
impl Provider {
    fn disconnect(&self, window: &gtk::ApplicationWindow) {
        use gtk::glib::ObjectExt;
        for slot in [&self.data, &self.end] {
            if let Some(id) = slot.take() {
                window.disconnect(id);
            }
        }
    }
}

fn log_outcome(result: drag::DragResult, _at: drag::CursorPosition) {
    tracing::debug!(?result, "file drag ended");
}

/// The path part of a `file://` URI for `path` (RFC 8089): every byte other than
/// an unreserved character or `/` is percent-encoded, so receivers decode
/// exactly the bytes of the file name.
pub fn file_uri_path(path: &Path) -> String {
    let mut out = String::new();
    for byte in path_bytes(path).iter().copied() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    // Only Linux builds URIs from this; elsewhere the drag takes the path itself.
    path.to_string_lossy().replace('\\', "/").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_uri_cannot_hold() {
        assert_eq!(
            file_uri_path(Path::new("/home/ana/Wayin Clips/Podcast - 01 - Ça va?.mp4")),
            "/home/ana/Wayin%20Clips/Podcast%20-%2001%20-%20%C3%87a%20va%3F.mp4"
        );
        assert_eq!(
            file_uri_path(Path::new("/v/100% #1 [take].mp4")),
            "/v/100%25%20%231%20%5Btake%5D.mp4"
        );
    }

    /// GLib decodes the URI back into the very same path, as file managers and
    /// editors on Linux do when the drop lands.
    #[cfg(target_os = "linux")]
    #[test]
    fn glib_reads_the_uri_back_as_the_same_path() {
        for path in [
            "/home/ana/Videos/Wayin Clips/Podcast - 01 - Why pricing.mp4",
            "/home/ana/Vidéos/Клипы/播客 - 02 - 見出し.mp4",
            "/tmp/100% #1 & more; (final) [v2] {x} 'q' \"d\".mp4",
        ] {
            let uri = format!("file://{}", file_uri_path(Path::new(path)));
            let (decoded, host) = gtk::glib::filename_from_uri(&uri).expect("a valid file URI");
            assert_eq!(decoded, Path::new(path), "{uri}");
            assert_eq!(host, None);
        }
    }
}
