//! TypeScript types of the shell's answers and events, inferred from real ones: every value
//! seen for a field widens its type, a field missing from some of a list's items is optional,
//! and a field only ever seen as null (or a list only ever empty) is `any`, because no
//! answer showed its shape. Whether a field may be null is left out: an event can be read
//! before or after a field is filled, so it would change from run to run, and the page is
//! checked without strict null checks, where it would change nothing. `ui_contract.rs` writes
//! them to `ui/types/shell.d.ts`, which the page's modules are checked against.

use std::collections::BTreeMap;

use serde_json::Value;

/// Everything seen for one place in an answer.
#[derive(Debug, Default)]
pub struct Shape {
    null: bool,
    boolean: bool,
    number: bool,
    string: bool,
    items: Option<Box<Shape>>,
    object: Option<Fields>,
}

/// The fields of every object seen in one place, with how many of those objects had each.
#[derive(Debug, Default)]
struct Fields {
    objects: usize,
    fields: BTreeMap<String, (Shape, usize)>,
}

impl Shape {
    pub fn of<'a>(values: impl IntoIterator<Item = &'a Value>) -> Self {
        let mut shape = Self::default();
        for value in values {
            shape.add(value);
        }
        shape
    }

    pub fn add(&mut self, value: &Value) {
        match value {
            Value::Null => self.null = true,
            Value::Bool(_) => self.boolean = true,
            Value::Number(_) => self.number = true,
            Value::String(_) => self.string = true,
            Value::Array(items) => {
                let shape = self.items.get_or_insert_with(Default::default);
                for item in items {
                    shape.add(item);
                }
            }
            Value::Object(fields) => {
                let object = self.object.get_or_insert_with(Default::default);
                object.objects += 1;
                for (name, field) in fields {
                    let (shape, seen) = object.fields.entry(name.clone()).or_default();
                    shape.add(field);
                    *seen += 1;
                }
            }
        }
    }

    /// The type, its nested lines indented by `depth` levels.
    pub fn render(&self, depth: usize) -> String {
        self.render_kinds(depth, None)
    }

    /// As `render`, with the object's field `tag` the literal `kind`: one member of a
    /// union told apart by that field.
    pub fn render_tagged(&self, depth: usize, tag: &str, kind: &str) -> String {
        self.render_kinds(depth, Some((tag, kind)))
    }

    /// A command's answer: as `render`, but `null` for a command that answers nothing.
    pub fn render_answer(&self) -> String {
        match self.render(1) {
            any if any == "any" && self.null => "null".into(),
            rendered => rendered,
        }
    }

    fn render_kinds(&self, depth: usize, tag: Option<(&str, &str)>) -> String {
        let mut kinds = Vec::new();
        for (seen, name) in [
            (self.boolean, "boolean"),
            (self.number, "number"),
            (self.string, "string"),
        ] {
            if seen {
                kinds.push(name.to_string());
            }
        }
        if let Some(items) = &self.items {
            kinds.push(format!("Array<{}>", items.render(depth)));
        }
        if let Some(object) = &self.object {
            kinds.push(object.render(depth, tag));
        }
        if kinds.is_empty() {
            return "any".into();
        }
        kinds.join(" | ")
    }
}

impl Fields {
    fn render(&self, depth: usize, tag: Option<(&str, &str)>) -> String {
        if self.fields.is_empty() {
            return "{}".into();
        }
        let inner = "  ".repeat(depth + 1);
        let lines: String = self
            .fields
            .iter()
            .map(|(name, (shape, seen))| {
                let optional = if *seen < self.objects { "?" } else { "" };
                let kind = match tag {
                    Some((field, kind)) if name == field => format!("{kind:?}"),
                    _ => shape.render(depth + 1),
                };
                format!("{inner}{}{optional}: {kind};\n", property(name))
            })
            .collect();
        format!("{{\n{lines}{}}}", "  ".repeat(depth))
    }
}

/// `name` as a property key: bare when it is an identifier, quoted otherwise.
fn property(name: &str) -> String {
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if identifier {
        name.to_string()
    } else {
        format!("{name:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_field_seen_as_null_and_as_text_is_text() {
        let shape = Shape::of(&[json!({"problem": null}), json!({"problem": "gone"})]);
        assert_eq!(shape.render(0), "{\n  problem: string;\n}");
    }

    #[test]
    fn a_field_some_items_lack_is_optional_and_one_never_shown_is_any() {
        let shape = Shape::of(&[json!([{"id": 1, "url": null}, {"id": 2, "note": "x"}])]);
        assert_eq!(
            shape.render(0),
            "Array<{\n  id: number;\n  note?: string;\n  url?: any;\n}>"
        );
    }

    #[test]
    fn an_events_type_is_its_literal_tag_and_odd_names_are_quoted() {
        let shape = Shape::of(&[json!({"type": "video_dropped", "file-name": "a.mov"})]);
        assert_eq!(
            shape.render_tagged(0, "type", "video_dropped"),
            "{\n  \"file-name\": string;\n  type: \"video_dropped\";\n}"
        );
    }
}
