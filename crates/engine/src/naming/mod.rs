//! File names for downloaded clips: a user template rendered from a clip's fields, made safe for
//! every desktop file system, then made unique within the destination folder.
//!
//! # Template grammar
//!
//! ```text
//! template := ( text | "{{" | "}}" | field )*
//! field    := "{" name [ ":" spec ] "}"
//! name     := project | task | idx | title | score | resolution | ratio | date
//! spec     := "0" DIGIT        only for idx: zero-padded to DIGIT places ({idx:02} -> 07)
//!           | "." DIGIT        only for score: DIGIT decimals ({score:.0} -> 94)
//! ```
//!
//! `{{` and `}}` stand for literal braces. Unknown fields, specs a field does not take and
//! unbalanced braces are refused when the template is parsed, so a typo is reported while the
//! user edits the setting rather than when a download starts. Nothing else is refused: a template
//! that renders the same text for two clips, or one that contains `/`, still works, because every
//! rendered name goes through [`safe_file_name`] and [`unique_in_folder`].
//!
//! Typical use:
//!
//! ```
//! use engine::naming::{unique_in_folder, NameFields, Template, DEFAULT_TEMPLATE};
//! let template = Template::parse(DEFAULT_TEMPLATE).unwrap();
//! let fields = NameFields {
//!     project: "Podcast".into(),
//!     idx: 3,
//!     title: "Why: pricing?".into(),
//!     ..NameFields::default()
//! };
//! let name = template.file_name(&fields);
//! assert_eq!(name, "Podcast - 03 - Why_ pricing.mp4");
//! let dir = std::env::temp_dir();
//! let _free = unique_in_folder(&dir, &name, &|_| false);
//! ```

mod date;
mod fields;
mod plain;
mod sanitize;
mod template;
mod unique;

pub use date::civil_date;
pub use fields::ExportFrame;
pub use plain::plain_ascii_name;
pub use sanitize::{safe_file_name, EXTENSION, MAX_NAME_BYTES};
pub use template::{NameFields, NamingError, Template, DEFAULT_TEMPLATE};
pub use unique::unique_in_folder;
