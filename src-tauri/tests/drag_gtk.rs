//! Drag-out on Linux, for real: a GTK window starts the clip drag the way the app
//! does (the mouse is pressed on a clip, the page calls `download_drag`, or
//! `export_drag_all` for every clip of an export at once), the
//! pointer is moved by XTest (libxdo, which Tauri's build needs anyway) onto a
//! second window that accepts file drops like a file manager or an editor, and
//! the button is released. The drop must deliver the file's URI, and that URI
//! must decode to the very path, spaces, `%` and non-ASCII letters included.
//!
//! Skipped where there is no display (`cargo xtask test` provides an Xvfb one).
//! What a particular editor (Premiere, Resolve, Final Cut) does with a drop, and
//! drags on macOS and Windows, need those systems and are not tested here.
#![cfg(target_os = "linux")]

use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_ulong, c_void};
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

use gtk::prelude::*;
use wayin_clip_exporter::desktop::drag::{file_uri_path, start_on_gtk};

#[link(name = "xdo")]
extern "C" {
    fn xdo_new(display: *const c_char) -> *mut c_void;
    fn xdo_free(xdo: *mut c_void);
    fn xdo_move_mouse(xdo: *const c_void, x: c_int, y: c_int, screen: c_int) -> c_int;
    fn xdo_mouse_down(xdo: *const c_void, window: c_ulong, button: c_int) -> c_int;
    fn xdo_mouse_up(xdo: *const c_void, window: c_ulong, button: c_int) -> c_int;
}

/// XTest input on the session's display.
struct Pointer(*mut c_void);

impl Pointer {
    fn new() -> Self {
        // SAFETY: a null display name means $DISPLAY; the handle is freed in Drop.
        let xdo = unsafe { xdo_new(std::ptr::null()) };
        assert!(!xdo.is_null(), "libxdo opens the display");
        Self(xdo)
    }

    fn move_to(&self, x: i32, y: i32) {
        // SAFETY: self.0 is a live xdo handle.
        unsafe { xdo_move_mouse(self.0, x, y, 0) };
    }

    fn press(&self) {
        // SAFETY: as above; window 0 is "the window under the pointer".
        unsafe { xdo_mouse_down(self.0, 0, 1) };
    }

    fn release(&self) {
        // SAFETY: as above.
        unsafe { xdo_mouse_up(self.0, 0, 1) };
    }
}

impl Drop for Pointer {
    fn drop(&mut self) {
        // SAFETY: created by xdo_new and not used after this.
        unsafe { xdo_free(self.0) };
    }
}

#[test]
fn a_dragged_clip_drops_into_another_window_as_its_exact_file() {
    if std::env::var_os("DISPLAY").is_none() {
        eprintln!(
            "a_dragged_clip_drops_into_another_window_as_its_exact_file: skipped, no DISPLAY"
        );
        return;
    }
    // GTK belongs to the one thread that initialised it: this test's.
    gtk::init().expect("GTK starts on the display");
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Vidéos clés").join("Wayin Clips");
    std::fs::create_dir_all(&folder).unwrap();
    let clip = folder.join("Podcast — 01 — Ça va? 50% #1 東京.mp4");
    std::fs::write(&clip, b"clip").unwrap();

    let source = gtk::ApplicationWindow::builder()
        .title("clips")
        .default_width(300)
        .default_height(200)
        .build();
    source.move_(0, 0);
    let (target, dropped) = drop_target(500, 0);
    source.show_all();
    target.show_all();
    pump(Duration::from_millis(500));

    let pointer = Pointer::new();
    pointer.move_to(150, 100);
    pump(Duration::from_millis(100));
    pointer.press();
    pump(Duration::from_millis(100));
    assert_eq!(
        start_on_gtk(&source, std::slice::from_ref(&clip)),
        Ok(()),
        "GTK starts the drag"
    );
    for step in 1..=20 {
        pointer.move_to(150 + step * 25, 100);
        pump(Duration::from_millis(30));
    }
    pump(Duration::from_millis(200));
    pointer.release();

    let deadline = Instant::now() + Duration::from_secs(5);
    while dropped.borrow().is_empty() && Instant::now() < deadline {
        pump(Duration::from_millis(50));
    }
    let uris = dropped.borrow().clone();
    assert_eq!(uris, [format!("file://{}", file_uri_path(&clip))]);
    let (path, host) = gtk::glib::filename_from_uri(&uris[0]).unwrap();
    assert_eq!(path, clip, "the receiving app reads back the exact path");
    assert_eq!(host, None);
    assert!(Path::new(&path).is_file());

    // A second drag after the first ended still delivers (the first one's
    // handlers are gone, not piled up), and "Drag all" carries several files in
    // one drop, in order.
    dropped.borrow_mut().clear();
    let other = folder.join("Podcast — 02.mp4");
    std::fs::write(&other, b"clip 2").unwrap();
    let both = [other.clone(), clip.clone()];
    pointer.move_to(150, 120);
    pump(Duration::from_millis(100));
    pointer.press();
    pump(Duration::from_millis(100));
    assert_eq!(start_on_gtk(&source, &both), Ok(()));
    for step in 1..=20 {
        pointer.move_to(150 + step * 25, 120);
        pump(Duration::from_millis(30));
    }
    pump(Duration::from_millis(200));
    pointer.release();
    let deadline = Instant::now() + Duration::from_secs(5);
    while dropped.borrow().is_empty() && Instant::now() < deadline {
        pump(Duration::from_millis(50));
    }
    assert_eq!(
        dropped.borrow().clone(),
        [
            format!("file://{}", file_uri_path(&other)),
            format!("file://{}", file_uri_path(&clip))
        ]
    );
}

/// A window that accepts file drops, as a file manager does, and keeps the URIs.
fn drop_target(x: i32, y: i32) -> (gtk::Window, Rc<RefCell<Vec<String>>>) {
    let window = gtk::Window::new(gtk::WindowType::Toplevel);
    window.set_title("editor");
    window.set_default_size(300, 200);
    window.move_(x, y);
    window.drag_dest_set(gtk::DestDefaults::ALL, &[], gtk::gdk::DragAction::COPY);
    window.drag_dest_add_uri_targets();
    let dropped: Rc<RefCell<Vec<String>>> = Rc::default();
    let into = dropped.clone();
    window.connect_drag_data_received(move |_, _, _, _, data, _, _| {
        into.borrow_mut()
            .extend(data.uris().into_iter().map(|uri| uri.to_string()));
    });
    (window, dropped)
}

fn pump(for_how_long: Duration) {
    let deadline = Instant::now() + for_how_long;
    loop {
        while gtk::events_pending() {
            gtk::main_iteration();
        }
        if Instant::now() >= deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
