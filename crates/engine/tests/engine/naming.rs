//! File names from hostile clip titles: every name must be writable on Windows, macOS and Linux
//! and stay inside the chosen folder.

use std::collections::HashSet;
use std::path::Path;

use engine::naming::{
    safe_file_name, unique_in_folder, NameFields, NamingError, Template, DEFAULT_TEMPLATE,
};

const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Every invariant a produced name must hold, whatever went in.
fn assert_safe(name: &str) {
    assert!(!name.is_empty(), "empty name");
    assert!(
        name.len() <= 250,
        "{} bytes, no room for .part: {name:?}",
        name.len()
    );
    assert!(name.ends_with(".mp4"), "no .mp4 extension: {name:?}");
    assert!(!name.contains(FORBIDDEN), "forbidden character in {name:?}");
    assert!(
        !name.chars().any(char::is_control),
        "control character in {name:?}"
    );
    assert!(!name.contains('\u{202E}'), "bidi override in {name:?}");
    assert!(!name.contains(".."), "'..' in {name:?}");
    for edge in [name.chars().next().unwrap(), name.chars().last().unwrap()] {
        assert!(
            edge != '.' && edge != ' ',
            "leading or trailing dot/space in {name:?}"
        );
    }
    let base = name.split('.').next().unwrap().trim_end();
    assert!(
        !RESERVED
            .iter()
            .any(|reserved| reserved.eq_ignore_ascii_case(base)),
        "reserved device name {name:?}"
    );
}

fn fields(title: &str) -> NameFields {
    NameFields {
        project: "Founders Podcast".into(),
        task: "export_task_1".into(),
        idx: 3,
        title: title.into(),
        score: Some(94.0),
        resolution: "FHD_1080".into(),
        ratio: "RATIO_9_16".into(),
        date: "2026-04-20".into(),
    }
}

#[test]
fn default_template_reads_well_for_a_normal_clip() {
    let template = Template::parse(DEFAULT_TEMPLATE).unwrap();
    let name = template.file_name(&fields("The pricing mistake that almost sank us"));
    assert_eq!(
        name,
        "Founders Podcast - 03 - The pricing mistake that almost sank us.mp4"
    );
}

#[test]
fn every_field_and_format_renders() {
    let template = Template::parse(
        "{date} {task} {idx} {idx:03} {score} {score:.1} {resolution} {ratio} {{x}}",
    )
    .unwrap();
    assert_eq!(
        template.render(&fields("t")),
        "2026-04-20 export_task_1 3 003 94 94.0 FHD_1080 RATIO_9_16 {x}"
    );
    // A clip without a score renders the field as nothing rather than "None".
    let unscored = NameFields {
        score: None,
        ..fields("t")
    };
    assert_eq!(
        Template::parse("[{score}]").unwrap().render(&unscored),
        "[]"
    );
}

#[test]
fn template_errors_name_the_problem() {
    // A typo in a field name: the message lists the fields that exist.
    let err = Template::parse("{project} - {titel}").unwrap_err();
    assert_eq!(
        err,
        NamingError::UnknownField {
            field: "titel".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "unknown field {titel} in the file name template; use one of \
         {project}, {task}, {idx}, {title}, {score}, {resolution}, {ratio}, {date}"
    );
    assert_eq!(err.kind(), "unknown_field");
    // Unbalanced braces in either direction, and a nested one.
    assert!(matches!(
        Template::parse("{title"),
        Err(NamingError::UnbalancedBrace { .. })
    ));
    assert!(matches!(
        Template::parse("title}"),
        Err(NamingError::UnbalancedBrace { .. })
    ));
    assert!(matches!(
        Template::parse("{ti{tle}"),
        Err(NamingError::UnbalancedBrace { .. })
    ));
    // A format on a field that takes none, or one the grammar does not know.
    assert!(matches!(
        Template::parse("{title:02}"),
        Err(NamingError::BadFormat { .. })
    ));
    assert!(matches!(
        Template::parse("{idx:2}"),
        Err(NamingError::BadFormat { .. })
    ));
    assert!(matches!(
        Template::parse("{score:.x}"),
        Err(NamingError::BadFormat { .. })
    ));
}

#[test]
fn templates_that_repeat_or_contain_separators_still_work() {
    // No {idx}: every clip renders alike, uniqueness in the folder tells them apart later.
    let same = Template::parse("{project}").unwrap();
    assert_eq!(same.file_name(&fields("a")), same.file_name(&fields("b")));
    // A path separator in the template cannot create folders.
    let nested = Template::parse("{project}/{title}").unwrap();
    assert_eq!(nested.file_name(&fields("x")), "Founders Podcast_x.mp4");
}

#[test]
fn parent_directory_escapes_are_flattened() {
    // `../../x`: the classic path traversal.
    let name = safe_file_name("../../x");
    assert_safe(&name);
    assert_eq!(name, "x.mp4");
    // `..` and `.` alone: nothing usable is left, so the fallback name.
    assert_eq!(safe_file_name(".."), "clip.mp4");
    assert_eq!(safe_file_name("."), "clip.mp4");
    // `..` in the middle of a title never survives either.
    assert_safe(&safe_file_name("a..b...c"));
}

#[test]
fn windows_device_names_get_a_suffix() {
    // `CON` would open the console on Windows.
    assert_eq!(safe_file_name("CON"), "CON_.mp4");
    // Reserved with an extension and in any case: `con.mp4` is still the console.
    assert_eq!(safe_file_name("con.mp4"), "con_.mp4");
    // `LPT9`, the last of the printer ports.
    assert_eq!(safe_file_name("LPT9"), "LPT9_.mp4");
    // Reserved before the first dot, whatever follows.
    assert_eq!(safe_file_name("nul.tar"), "nul_.tar.mp4");
    // Names that merely start like a device are fine.
    assert_eq!(safe_file_name("Console wars"), "Console wars.mp4");
}

#[test]
fn forbidden_characters_are_replaced() {
    // Every character Windows forbids, plus both separators.
    let name = safe_file_name("a/b\\c:d*?\"<>|");
    assert_safe(&name);
    assert_eq!(name, "a_b_c_d.mp4");
    // NUL, newline and tab become plain spaces, collapsed.
    assert_eq!(safe_file_name("one\0two\n\tthree"), "one two three.mp4");
    // U+202E would display `exe.mp4` reversed; bidi controls are removed.
    assert_eq!(safe_file_name("evil\u{202E}4pm.exe"), "evil4pm.exe.mp4");
}

#[test]
fn long_titles_fit_in_255_bytes_even_while_downloading() {
    // 300 ASCII characters: cut to the limit, extension kept, and room left for `.part`.
    let name = safe_file_name(&"a".repeat(300));
    assert_safe(&name);
    assert_eq!(name.len(), 250);
    assert_eq!(format!("{name}.part").len(), 255);
    // 300 emoji of 4 bytes each: the limit is bytes, not characters, and no emoji is split.
    let name = safe_file_name(&"🔥".repeat(300));
    assert_safe(&name);
    assert_eq!(name, format!("{}.mp4", "🔥".repeat(61)));
    // A joined emoji sequence cut at a joiner leaves no dangling joiner.
    let family = "👩\u{200D}👩\u{200D}👧".repeat(30);
    let name = safe_file_name(&family);
    assert_safe(&name);
    assert!(!name.trim_end_matches(".mp4").ends_with('\u{200D}'));
}

#[test]
fn empty_and_blank_titles_get_a_fallback() {
    // An empty title in the bare title template.
    let template = Template::parse("{title}").unwrap();
    assert_eq!(template.file_name(&fields("")), "clip-03.mp4");
    // Whitespace only.
    assert_eq!(template.file_name(&fields(" \t  ")), "clip-03.mp4");
    assert_eq!(safe_file_name("   "), "clip.mp4");
    // Trailing dots and spaces, which Windows would strip (and then not find the file).
    assert_eq!(safe_file_name("Wait for it... . "), "Wait for it.mp4");
    // The default template with an empty title does not end in a dangling separator.
    assert_eq!(
        Template::parse(DEFAULT_TEMPLATE)
            .unwrap()
            .file_name(&fields("")),
        "Founders Podcast - 03.mp4"
    );
}

#[test]
fn emoji_and_accents_are_kept() {
    assert_eq!(safe_file_name("Burnout 🔥 café"), "Burnout 🔥 café.mp4");
}

#[test]
fn two_clips_with_one_title_get_distinct_names() {
    let dir = tempfile::tempdir().unwrap();
    let template = Template::parse("{title}").unwrap();
    let mut planned: HashSet<String> = HashSet::new();
    let mut names = Vec::new();
    for idx in 0..3 {
        let name = template.file_name(&NameFields {
            idx,
            ..fields("Same title")
        });
        let taken = |candidate: &str| planned.contains(&candidate.to_lowercase());
        let unique = unique_in_folder(dir.path(), &name, &taken);
        planned.insert(unique.to_lowercase());
        names.push(unique);
    }
    assert_eq!(
        names,
        ["Same title.mp4", "Same title (2).mp4", "Same title (3).mp4"]
    );
}

#[test]
fn existing_files_parts_and_case_variants_are_taken() {
    let dir = tempfile::tempdir().unwrap();
    let none = |_: &str| false;
    std::fs::write(dir.path().join("Clip.mp4"), b"x").unwrap();
    // Differs only in case: taken on macOS and Windows, so taken everywhere.
    assert_eq!(
        unique_in_folder(dir.path(), "clip.mp4", &none),
        "clip (2).mp4"
    );
    // Another clip's half-done download owns this name.
    std::fs::write(dir.path().join("Other.mp4.part"), b"x").unwrap();
    assert_eq!(
        unique_in_folder(dir.path(), "Other.mp4", &none),
        "Other (2).mp4"
    );
    // A free name comes back as it was.
    assert_eq!(
        unique_in_folder(dir.path(), "Fresh.mp4", &none),
        "Fresh.mp4"
    );
    // A folder that does not exist yet holds nothing.
    assert_eq!(
        unique_in_folder(&dir.path().join("new"), "Clip.mp4", &none),
        "Clip.mp4"
    );
}

#[test]
fn counter_stays_within_the_byte_limit() {
    let dir = tempfile::tempdir().unwrap();
    let long = safe_file_name(&"é".repeat(200));
    assert_eq!(long.len(), 250);
    std::fs::write(dir.path().join(&long), b"x").unwrap();
    let next = unique_in_folder(dir.path(), &long, &|_| false);
    assert!(
        next.len() <= 250,
        "{} bytes: no room left for .part",
        next.len()
    );
    assert!(next.ends_with(" (2).mp4"), "{next}");
    std::fs::write(dir.path().join(&next), b"x").unwrap();
}

/// xorshift64*: reproducible random input without a test dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn random_title(rng: &mut Rng) -> String {
    // Weighted toward the characters that cause trouble.
    const PIECES: &[&str] = &[
        "a",
        "Z",
        "0",
        " ",
        "  ",
        ".",
        "..",
        "/",
        "\\",
        ":",
        "*",
        "?",
        "\"",
        "<",
        ">",
        "|",
        "\0",
        "\n",
        "\t",
        "\r",
        "\u{7f}",
        "\u{85}",
        "\u{202E}",
        "\u{200F}",
        "\u{FEFF}",
        "\u{200D}",
        "\u{FE0F}",
        "é",
        "e\u{301}",
        "漢",
        "🔥",
        "👩\u{200D}👧",
        "CON",
        "lpt1",
        "aux.",
        ".mp4",
        "-",
        "_",
        "~",
        "%",
        "$",
        "\u{3000}",
        "\u{2028}",
    ];
    let len = rng.next() % 120;
    (0..len).map(|_| rng.pick(PIECES)).collect()
}

#[test]
fn random_titles_always_give_writable_names() {
    let dir = tempfile::tempdir().unwrap();
    let template = Template::parse(DEFAULT_TEMPLATE).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut written: HashSet<String> = HashSet::new();
    for round in 0..3000 {
        let title = random_title(&mut rng);
        let project = random_title(&mut rng);
        let name = if round % 2 == 0 {
            safe_file_name(&title)
        } else {
            template.file_name(&NameFields {
                project,
                idx: round,
                title: title.clone(),
                ..NameFields::default()
            })
        };
        assert_safe(&name);
        // Only the first few hundred hit the disk, to keep the test quick.
        if round < 600 {
            let taken = |candidate: &str| written.contains(&candidate.to_lowercase());
            let unique = unique_in_folder(dir.path(), &name, &taken);
            assert_safe(&unique);
            write_new(dir.path(), &unique, &title);
            written.insert(unique.to_lowercase());
        }
    }
}

fn write_new(dir: &Path, name: &str, title: &str) {
    let path = dir.join(name);
    assert_eq!(path.parent(), Some(dir), "{name:?} left the folder");
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .unwrap_or_else(|err| panic!("cannot create {name:?} (from {title:?}): {err}"));
}
