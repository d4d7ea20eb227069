//! The macOS menu bar. A macOS web view only cuts, copies, pastes and selects
//! all when the application menu has an Edit menu whose items send the native
//! `cut:`/`copy:`/`paste:`/`selectAll:` actions: without one, Cmd+C/V/A do
//! nothing in the key and project fields. Predefined items are those native
//! items, with the system's key equivalents (muda's `PredefinedMenuItemType`):
//! Cmd+Z / Shift+Cmd+Z, Cmd+X/C/V/A, Cmd+H, Option+Cmd+H, Cmd+Q, Cmd+M, Cmd+W.
//!
//! Built on every platform so it is tested on Linux; only macOS attaches it
//! (`lib.rs`). Windows and Linux keep a window without a menu bar.

use tauri::menu::{
    AboutMetadata, Menu, PredefinedMenuItem, Submenu, HELP_SUBMENU_ID, WINDOW_SUBMENU_ID,
};
use tauri::{AppHandle, Runtime};

/// App menu (named after the app, as macOS shows it), Edit, Window and Help.
/// The Window and Help submenus carry Tauri's ids, so macOS lists open windows
/// in the first and adds its search field to the second.
pub fn app_menu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let name = app.package_info().name.clone();
    let about = AboutMetadata {
        name: Some(name.clone()),
        version: Some(app.package_info().version.to_string()),
        copyright: app.config().bundle.copyright.clone(),
        ..Default::default()
    };
    let application = Submenu::with_items(
        app,
        &name,
        true,
        &[
            &PredefinedMenuItem::about(app, None, Some(about))?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::services(app, None)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::hide(app, None)?,
            &PredefinedMenuItem::hide_others(app, None)?,
            &PredefinedMenuItem::show_all(app, None)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::quit(app, None)?,
        ],
    )?;
    let edit = Submenu::with_items(
        app,
        "Edit",
        true,
        &[
            &PredefinedMenuItem::undo(app, None)?,
            &PredefinedMenuItem::redo(app, None)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, None)?,
            &PredefinedMenuItem::copy(app, None)?,
            &PredefinedMenuItem::paste(app, None)?,
            &PredefinedMenuItem::select_all(app, None)?,
        ],
    )?;
    let window = Submenu::with_id_and_items(
        app,
        WINDOW_SUBMENU_ID,
        "Window",
        true,
        &[
            &PredefinedMenuItem::minimize(app, None)?,
            &PredefinedMenuItem::maximize(app, None)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::close_window(app, None)?,
        ],
    )?;
    let help = Submenu::with_id_and_items(app, HELP_SUBMENU_ID, "Help", true, &[])?;
    Menu::with_items(app, &[&application, &edit, &window, &help])
}

#[cfg(test)]
mod tests {
    use super::*;
    use tauri::menu::MenuItemKind;
    use tauri::test::{mock_app, MockRuntime};

    type Make = fn(&AppHandle<MockRuntime>) -> tauri::Result<PredefinedMenuItem<MockRuntime>>;

    /// What a menu entry is: a predefined item's label is its kind's own label
    /// on this platform, so a plain item that only looks like "Copy" (and sends
    /// nothing to the web view) would not pass.
    fn label(item: &MenuItemKind<MockRuntime>) -> String {
        match item {
            MenuItemKind::Predefined(item) => item.text().expect("a label"),
            _ => panic!("not a predefined item, so no native action or shortcut"),
        }
    }

    fn labels_of(kinds: &[Make], app: &AppHandle<MockRuntime>) -> Vec<String> {
        kinds
            .iter()
            .map(|make| make(app).expect("an item").text().expect("a label"))
            .collect()
    }

    fn submenu(menu: &Menu<MockRuntime>, title: &str) -> Vec<String> {
        let items = menu.items().expect("items");
        let found = items
            .iter()
            .filter_map(MenuItemKind::as_submenu)
            .find(|sub| sub.text().expect("a title") == title)
            .unwrap_or_else(|| panic!("no {title} menu"));
        found.items().expect("items").iter().map(label).collect()
    }

    fn separator(app: &AppHandle<MockRuntime>) -> tauri::Result<PredefinedMenuItem<MockRuntime>> {
        PredefinedMenuItem::separator(app)
    }

    /// Without these the web view's text fields ignore Cmd+Z/X/C/V/A on macOS.
    #[test]
    fn edit_menu_has_the_native_editing_items() {
        let app = mock_app();
        let menu = app_menu(app.handle()).expect("the menu");
        let undo: Make = |a| PredefinedMenuItem::undo(a, None);
        let redo: Make = |a| PredefinedMenuItem::redo(a, None);
        let cut: Make = |a| PredefinedMenuItem::cut(a, None);
        let copy: Make = |a| PredefinedMenuItem::copy(a, None);
        let paste: Make = |a| PredefinedMenuItem::paste(a, None);
        let select_all: Make = |a| PredefinedMenuItem::select_all(a, None);
        assert_eq!(
            submenu(&menu, "Edit"),
            labels_of(
                &[undo, redo, separator, cut, copy, paste, select_all],
                app.handle()
            )
        );
    }

    /// Cmd+Q and Cmd+W come from the Quit and Close Window items; a menu
    /// without them leaves the keys dead.
    #[test]
    fn app_and_window_menus_quit_hide_minimize_and_close() {
        let app = mock_app();
        let menu = app_menu(app.handle()).expect("the menu");
        let titles: Vec<String> = menu
            .items()
            .expect("items")
            .iter()
            .map(|item| {
                item.as_submenu()
                    .expect("a submenu")
                    .text()
                    .expect("a title")
            })
            .collect();
        let name = app.package_info().name.clone();
        assert_eq!(titles, [name.as_str(), "Edit", "Window", "Help"]);

        let about: Make = |a| PredefinedMenuItem::about(a, None, None);
        let services: Make = |a| PredefinedMenuItem::services(a, None);
        let hide: Make = |a| PredefinedMenuItem::hide(a, None);
        let hide_others: Make = |a| PredefinedMenuItem::hide_others(a, None);
        let show_all: Make = |a| PredefinedMenuItem::show_all(a, None);
        let quit: Make = |a| PredefinedMenuItem::quit(a, None);
        assert_eq!(
            submenu(&menu, &name),
            labels_of(
                &[
                    about,
                    separator,
                    services,
                    separator,
                    hide,
                    hide_others,
                    show_all,
                    separator,
                    quit
                ],
                app.handle()
            )
        );

        let minimize: Make = |a| PredefinedMenuItem::minimize(a, None);
        let zoom: Make = |a| PredefinedMenuItem::maximize(a, None);
        let close: Make = |a| PredefinedMenuItem::close_window(a, None);
        assert_eq!(
            submenu(&menu, "Window"),
            labels_of(&[minimize, zoom, separator, close], app.handle())
        );
        assert!(menu.get(WINDOW_SUBMENU_ID).is_some(), "macOS's window list");
    }
}
