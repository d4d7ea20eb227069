//! The page's tests answer `catalog` from `tests/ui/catalog.js`, which is the shell's
//! real answer written out. When an option, default or limit changes in Rust, this
//! test fails until the file is written again:
//! `WAYIN_WRITE_UI_CATALOG=1 cargo test -p wayin-clip-exporter --test shell ui_`.

use std::path::PathBuf;

use serde_json::{json, Value};

const HEADER: &str = "// Written by src-tauri/tests/ui_catalog.rs from the shell's `catalog` answer: do not edit.\nexport const CATALOG = ";

fn catalog_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/ui/catalog.js")
}

/// JSON with one line per list, so a change reads as a one-line diff.
fn render(catalog: &Value) -> String {
    let fields: Vec<String> = catalog
        .as_object()
        .expect("the catalog is an object")
        .iter()
        .map(|(name, value)| format!("  {}: {value}", Value::from(name.as_str())))
        .collect();
    format!("{HEADER}{{\n{}\n}};\n", fields.join(",\n"))
}

#[test]
fn the_page_tests_answer_with_the_shells_catalog() {
    let app = crate::common::demo_app();
    let real = app.ok("catalog", json!({}));
    assert_eq!(real["defaults"]["resolution"], "SD_480");
    assert_eq!(real["limits"]["maxConcurrency"], 8);

    let path = catalog_file();
    if std::env::var_os("WAYIN_WRITE_UI_CATALOG").is_some() {
        std::fs::write(&path, render(&real)).unwrap();
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    let body = written
        .strip_prefix(HEADER)
        .and_then(|rest| rest.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("{} is not in the written form", path.display()));
    let mocked: Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        mocked, real,
        "tests/ui/catalog.js differs from the shell's catalog: write it again with \
         WAYIN_WRITE_UI_CATALOG=1 cargo test -p wayin-clip-exporter --test ui_catalog"
    );
}
