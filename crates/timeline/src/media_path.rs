//! A media file's absolute path, and the `file:` URLs each format wants for it. The style
//! (Unix or Windows) travels with the path, so a timeline for a Windows machine can be written
//! and tested anywhere.

use std::path::Path;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters left as they are in a URL path: RFC 3986's unreserved ones and the separator.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStyle {
    Unix,
    Windows,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaPath {
    text: String,
    style: PathStyle,
}

impl MediaPath {
    /// This machine's absolute path; `None` for a relative one or one that is not UTF-8.
    pub fn native(path: &Path) -> Option<MediaPath> {
        if !path.is_absolute() {
            return None;
        }
        let text = path.to_str()?.to_owned();
        let style = if cfg!(windows) {
            PathStyle::Windows
        } else {
            PathStyle::Unix
        };
        Some(MediaPath { text, style })
    }

    /// A Unix path such as `/Users/ana/Movies/a.mp4`.
    pub fn unix(text: &str) -> MediaPath {
        MediaPath {
            text: text.to_owned(),
            style: PathStyle::Unix,
        }
    }

    /// A Windows path such as `C:\Users\ana\Videos\a.mp4` or `\\server\share\a.mp4`.
    pub fn windows(text: &str) -> MediaPath {
        MediaPath {
            text: text.to_owned(),
            style: PathStyle::Windows,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn style(&self) -> PathStyle {
        self.style
    }

    /// The last component: what an EDL's `FROM CLIP NAME` and relinking go by.
    pub fn file_name(&self) -> &str {
        let separators: &[char] = match self.style {
            PathStyle::Unix => &['/'],
            PathStyle::Windows => &['/', '\\'],
        };
        self.text.rsplit(separators).next().unwrap_or(&self.text)
    }

    /// `file:///Users/ana/a%20b.mp4`, `file:///C:/Users/ana/a%20b.mp4`,
    /// `file://server/share/a.mp4`: FCPXML's and OTIO's form.
    pub fn file_url(&self) -> String {
        match self.host_and_path() {
            (Some(host), path) => format!("file://{host}{path}"),
            (None, path) => format!("file://{path}"),
        }
    }

    /// `file://localhost/Users/ana/a%20b.mp4`, `file://localhost/C:/Users/…`: `xmeml`'s
    /// `pathurl` form (a UNC path keeps its server as the host).
    pub fn localhost_url(&self) -> String {
        match self.host_and_path() {
            (Some(host), path) => format!("file://{host}{path}"),
            (None, path) => format!("file://localhost{path}"),
        }
    }

    /// The URL's host (a UNC server) and its percent-encoded absolute path.
    fn host_and_path(&self) -> (Option<String>, String) {
        match self.style {
            PathStyle::Unix => (None, encode(&self.text)),
            PathStyle::Windows => {
                let slashed = self.text.replace('\\', "/");
                if let Some(unc) = slashed.strip_prefix("//") {
                    let (server, rest) = unc.split_once('/').unwrap_or((unc, ""));
                    (Some(encode(server)), format!("/{}", encode(rest)))
                } else if let Some((drive, rest)) = drive_and_rest(&slashed) {
                    (None, format!("/{drive}:{}", encode(rest)))
                } else {
                    (None, encode(&slashed))
                }
            }
        }
    }
}

/// `C:/a/b` → (`C`, `/a/b`); the drive letter is kept as written, its colon unescaped.
fn drive_and_rest(path: &str) -> Option<(char, &str)> {
    let mut chars = path.chars();
    let drive = chars.next().filter(char::is_ascii_alphabetic)?;
    let rest = path[1..].strip_prefix(':')?;
    Some((drive, rest))
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, PATH_SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_paths_become_percent_encoded_file_urls() {
        let path = MediaPath::unix("/Users/Ana Lí/Movies/Q&A #1 100%.mp4");
        assert_eq!(
            path.file_url(),
            "file:///Users/Ana%20L%C3%AD/Movies/Q%26A%20%231%20100%25.mp4"
        );
        assert_eq!(
            path.localhost_url(),
            "file://localhost/Users/Ana%20L%C3%AD/Movies/Q%26A%20%231%20100%25.mp4"
        );
        assert_eq!(path.file_name(), "Q&A #1 100%.mp4");
    }

    #[test]
    fn windows_drive_paths_keep_the_drive_and_use_slashes() {
        let path = MediaPath::windows(r"C:\Users\Ana\Videos\clip 🔥.mp4");
        assert_eq!(
            path.file_url(),
            "file:///C:/Users/Ana/Videos/clip%20%F0%9F%94%A5.mp4"
        );
        assert_eq!(
            path.localhost_url(),
            "file://localhost/C:/Users/Ana/Videos/clip%20%F0%9F%94%A5.mp4"
        );
        assert_eq!(path.file_name(), "clip 🔥.mp4");
    }

    #[test]
    fn windows_unc_paths_name_their_server_as_the_host() {
        let path = MediaPath::windows(r"\\nas\media\a b.mp4");
        assert_eq!(path.file_url(), "file://nas/media/a%20b.mp4");
        assert_eq!(path.localhost_url(), "file://nas/media/a%20b.mp4");
    }

    #[test]
    fn only_absolute_paths_are_taken() {
        assert!(MediaPath::native(Path::new("relative/a.mp4")).is_none());
        #[cfg(unix)]
        assert_eq!(
            MediaPath::native(Path::new("/tmp/a.mp4"))
                .unwrap()
                .file_url(),
            "file:///tmp/a.mp4"
        );
    }
}
