use std::fmt::Write as _;

use super::sanitize::sanitize_with_fallback;

/// What a new user gets: sorts by project, then by the clip's rank, and still reads well.
pub const DEFAULT_TEMPLATE: &str = "{project} - {idx:02} - {title}.mp4";

const FIELD_NAMES: &str =
    "{project}, {task}, {idx}, {title}, {score}, {resolution}, {ratio}, {date}";

/// The values a template can use for one clip.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameFields {
    pub project: String,
    pub task: String,
    pub idx: u32,
    pub title: String,
    pub score: Option<f64>,
    pub resolution: String,
    pub ratio: String,
    /// `YYYY-MM-DD`, chosen by the caller so every clip of one export shares it.
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NamingError {
    #[error(
        "unknown field {{{field}}} in the file name template; use one of {}",
        FIELD_NAMES
    )]
    UnknownField { field: String },
    #[error(
        "field {{{field}}} does not take the format \"{spec}\"; \
         use {{idx:02}} for zero-padded numbers or {{score:.0}} for rounded scores"
    )]
    BadFormat { field: String, spec: String },
    #[error(
        "unbalanced brace at character {position} of the file name template; \
         write {{{{ or }}}} for a literal brace"
    )]
    UnbalancedBrace { position: usize },
}

impl NamingError {
    /// Stable snake_case name for the UI to branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            NamingError::UnknownField { .. } => "unknown_field",
            NamingError::BadFormat { .. } => "bad_format",
            NamingError::UnbalancedBrace { .. } => "unbalanced_brace",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Project,
    Task,
    Idx { width: usize },
    Title,
    Score { decimals: Option<usize> },
    Resolution,
    Ratio,
    Date,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field(Field),
}

/// A parsed file name template; see the module docs for the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

impl Template {
    pub fn parse(source: &str) -> Result<Template, NamingError> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = source.char_indices().peekable();
        while let Some((position, ch)) = chars.next() {
            match ch {
                '{' if chars.peek().map(|&(_, next)| next) == Some('{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek().map(|&(_, next)| next) == Some('}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => return Err(NamingError::UnbalancedBrace { position }),
                '{' => {
                    let mut inner = String::new();
                    let mut closed = false;
                    for (_, next) in chars.by_ref() {
                        match next {
                            '}' => {
                                closed = true;
                                break;
                            }
                            '{' => return Err(NamingError::UnbalancedBrace { position }),
                            other => inner.push(other),
                        }
                    }
                    if !closed {
                        return Err(NamingError::UnbalancedBrace { position });
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Field(parse_field(&inner)?));
                }
                other => text.push(other),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template { pieces })
    }

    /// The name exactly as the template spells it: not yet safe for any file system.
    pub fn render(&self, fields: &NameFields) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Field(field) => render_field(&mut out, *field, fields),
            }
        }
        out
    }

    /// The rendered name made safe (see [`super::safe_file_name`]); a name that sanitises to
    /// nothing becomes `clip-<idx>.mp4` so clips of one export still tell apart.
    pub fn file_name(&self, fields: &NameFields) -> String {
        sanitize_with_fallback(&self.render(fields), &format!("clip-{:02}", fields.idx))
    }
}

impl Default for Template {
    fn default() -> Self {
        Template::parse(DEFAULT_TEMPLATE).expect("the default template parses")
    }
}

fn parse_field(inner: &str) -> Result<Field, NamingError> {
    let (name, spec) = match inner.split_once(':') {
        Some((name, spec)) => (name.trim(), Some(spec.trim())),
        None => (inner.trim(), None),
    };
    let bad_format = || NamingError::BadFormat {
        field: name.to_string(),
        spec: spec.unwrap_or_default().to_string(),
    };
    let field = match name {
        "project" => Field::Project,
        "task" => Field::Task,
        "title" => Field::Title,
        "resolution" => Field::Resolution,
        "ratio" => Field::Ratio,
        "date" => Field::Date,
        "idx" => {
            let width = match spec {
                None => 0,
                Some(spec) => single_digit_after(spec, '0').ok_or_else(bad_format)?,
            };
            return Ok(Field::Idx { width });
        }
        "score" => {
            let decimals = match spec {
                None => None,
                Some(spec) => Some(single_digit_after(spec, '.').ok_or_else(bad_format)?),
            };
            return Ok(Field::Score { decimals });
        }
        _ => {
            return Err(NamingError::UnknownField {
                field: name.to_string(),
            })
        }
    };
    match spec {
        Some(_) => Err(bad_format()),
        None => Ok(field),
    }
}

/// `"02"` with prefix `'0'` gives 2; anything else is not a spec this grammar knows.
fn single_digit_after(spec: &str, prefix: char) -> Option<usize> {
    let mut chars = spec.chars();
    if chars.next() != Some(prefix) {
        return None;
    }
    let digit = chars.next()?.to_digit(10)?;
    chars.next().is_none().then_some(digit as usize)
}

fn render_field(out: &mut String, field: Field, fields: &NameFields) {
    // Writing into a String cannot fail.
    let _ = match field {
        Field::Project => write!(out, "{}", fields.project),
        Field::Task => write!(out, "{}", fields.task),
        Field::Idx { width } => write!(out, "{:0width$}", fields.idx),
        Field::Title => write!(out, "{}", fields.title),
        Field::Score { decimals } => match fields.score {
            Some(score) if score.is_finite() => match decimals {
                Some(places) => write!(out, "{score:.places$}"),
                // Scores are whole numbers in practice; show them without a trailing ".0".
                None if score.fract() == 0.0 => write!(out, "{score:.0}"),
                None => write!(out, "{score}"),
            },
            _ => Ok(()),
        },
        Field::Resolution => write!(out, "{}", fields.resolution),
        Field::Ratio => write!(out, "{}", fields.ratio),
        Field::Date => write!(out, "{}", fields.date),
    };
}
