//! Finds the project id in whatever was pasted or typed: the bare id, a link from
//! the vendor's web app, or a line of text around one. The desktop app and
//! `wayin-export` both read project ids through [`find`].

/// Nothing in the text looked like a project id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("No project id was found there. Give the project id the API returned (proj_… or prj…), or a link that contains it.")]
pub struct NoProjectId;

/// The id in `input`, or an error that says what to give instead.
pub fn find(input: &str) -> Result<String, NoProjectId> {
    extract(input).ok_or(NoProjectId)
}

/// Prefixes of the ids people paste: API project ids (`proj_…`, `prj…`) and the
/// web app's `hmtask…` ids, which the API then explains it does not know.
const PREFIXES: [&str; 3] = ["proj_", "prj", "hmtask"];

/// The id in `input`, or `None` when nothing in it looks like one.
pub fn extract(input: &str) -> Option<String> {
    let tokens: Vec<&str> = input
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .filter(|t| !t.is_empty())
        .collect();
    let prefixed = tokens.iter().rev().find(|t| {
        let lower = t.to_ascii_lowercase();
        PREFIXES
            .iter()
            .any(|p| lower.starts_with(p) && lower.len() > p.len())
    });
    if let Some(id) = prefixed {
        return Some((*id).to_string());
    }
    if let [only] = tokens.as_slice() {
        return Some((*only).to_string());
    }
    // In a link or sentence, an id is a long token with letters and digits; words,
    // host names and query keys are not.
    tokens
        .iter()
        .rev()
        .find(|t| {
            t.len() >= 8
                && t.chars().any(|c| c.is_ascii_digit())
                && t.chars().any(|c| c.is_ascii_alphabetic())
        })
        .map(|t| (*t).to_string())
}

#[cfg(test)]
mod tests {
    use super::{extract, find, NoProjectId};

    #[test]
    fn bare_ids() {
        assert_eq!(
            extract("proj_demo_podcast").as_deref(),
            Some("proj_demo_podcast")
        );
        assert_eq!(
            extract("  prj_demo_moments \n").as_deref(),
            Some("prj_demo_moments")
        );
        assert_eq!(extract("a1b2c3").as_deref(), Some("a1b2c3"));
    }

    #[test]
    fn ids_inside_links_and_text() {
        assert_eq!(
            extract("https://wayin.ai/app/clips/proj_8f2a9c?tab=clips&utm_source=share").as_deref(),
            Some("proj_8f2a9c")
        );
        assert_eq!(
            extract("Here is the project: prj8HxQ2 (moments)").as_deref(),
            Some("prj8HxQ2")
        );
        assert_eq!(
            extract("https://wayin.ai/workspace/hmtask_7781aa/editor").as_deref(),
            Some("hmtask_7781aa")
        );
        assert_eq!(
            extract("https://example.com/project/9f8e7d6c5b4a3928").as_deref(),
            Some("9f8e7d6c5b4a3928")
        );
    }

    #[test]
    fn the_last_id_wins() {
        assert_eq!(
            extract("old proj_aaa1, new proj_bbb2").as_deref(),
            Some("proj_bbb2")
        );
    }

    #[test]
    fn nothing_that_looks_like_an_id() {
        assert_eq!(extract(""), None);
        assert_eq!(extract("   "), None);
        assert_eq!(extract("https://wayin.ai/app/projects"), None);
        assert_eq!(extract("prj"), Some("prj".to_string()));
        assert_eq!(find("https://wayin.ai/app/projects"), Err(NoProjectId));
    }
}
