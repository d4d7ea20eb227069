//! The option values the page offers, with their defaults and limits: the page hard-codes
//! none of them.

use app::Catalog;

/// Every value the export form offers, from the same tables the request is checked against.
#[tauri::command]
pub async fn catalog() -> Catalog {
    app::catalog()
}
