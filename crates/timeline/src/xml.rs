//! Just enough XML writing for the timeline formats: escaping, and indented elements.

/// `text` made safe for element content or a double- or single-quoted attribute value.
/// Characters XML 1.0 forbids (C0 controls but tab, line feed and carriage return; U+FFFE,
/// U+FFFF) are dropped, since no reader accepts a document holding them. Tab, line feed and
/// carriage return become character references so an attribute keeps them through the
/// reader's whitespace normalisation and a carriage return survives line-end normalisation.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' => escaped.push_str("&#9;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            other => escaped.push(other),
        }
    }
    escaped
}

/// Writes an XML document two spaces an indent level, escaping every text and attribute value.
pub(crate) struct XmlWriter {
    out: String,
    open: Vec<&'static str>,
}

impl XmlWriter {
    /// A document starting with the XML declaration and `<!DOCTYPE {doctype}>`.
    pub(crate) fn new(doctype: &str) -> XmlWriter {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str(&format!("<!DOCTYPE {doctype}>\n"));
        XmlWriter {
            out,
            open: Vec::new(),
        }
    }

    /// Opens `<name attr="value" …>`; `close` ends it.
    pub(crate) fn open(&mut self, name: &'static str, attributes: &[(&str, &str)]) {
        self.start_tag(name, attributes);
        self.out.push_str(">\n");
        self.open.push(name);
    }

    pub(crate) fn close(&mut self) {
        let name = self.open.pop().expect("close matches an open element");
        self.indent();
        self.out.push_str(&format!("</{name}>\n"));
    }

    /// `<name attr="value" …/>`.
    pub(crate) fn empty(&mut self, name: &'static str, attributes: &[(&str, &str)]) {
        self.start_tag(name, attributes);
        self.out.push_str("/>\n");
    }

    /// `<name>text</name>`.
    pub(crate) fn text(&mut self, name: &'static str, text: &str) {
        self.indent();
        self.out
            .push_str(&format!("<{name}>{}</{name}>\n", escape(text)));
    }

    pub(crate) fn finish(self) -> String {
        assert!(self.open.is_empty(), "unclosed elements: {:?}", self.open);
        self.out
    }

    fn start_tag(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push_str(&format!(" {key}=\"{}\"", escape(value)));
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_emoji_kept() {
        assert_eq!(
            escape(r#"Q&A <b> "x" 'y' 🔥"#),
            "Q&amp;A &lt;b&gt; &quot;x&quot; &apos;y&apos; 🔥"
        );
    }

    #[test]
    fn characters_xml_forbids_are_dropped_and_whitespace_kept_as_references() {
        assert_eq!(escape("a\u{7}b\u{0}c\u{1f}d\u{fffe}\u{ffff}"), "abcd");
        assert_eq!(escape("a\tb\nc\r"), "a&#9;b&#10;c&#13;");
        // Allowed, if discouraged: C1 controls and supplementary-plane characters stay.
        assert_eq!(escape("\u{85}\u{1f600}"), "\u{85}\u{1f600}");
    }

    #[test]
    fn elements_nest_with_two_space_indents() {
        let mut xml = XmlWriter::new("root");
        xml.open("root", &[("version", "1")]);
        xml.text("name", "a<b");
        xml.empty("file", &[("id", "f\"1")]);
        xml.close();
        assert_eq!(
            xml.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE root>\n<root version=\"1\">\n  \
             <name>a&lt;b</name>\n  <file id=\"f&quot;1\"/>\n</root>\n"
        );
    }
}
