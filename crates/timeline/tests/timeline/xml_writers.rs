//! The FCP7 XML (`xmeml`) and FCPXML writers, read back with a real XML parser.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use timeline::{
    fcpxml, xmeml, AudioInfo, Marker, Media, MediaInfo, MediaPath, Rate, Timeline, TimelineClip,
};

const FILM: Rate = Rate::new(24000, 1001);
const PAL: Rate = Rate::new(25, 1);
const NTSC: Rate = Rate::new(30000, 1001);
const THIRTY: Rate = Rate::new(30, 1);
const RATES: [Rate; 4] = [FILM, PAL, NTSC, THIRTY];

const TRICKY_TITLE: &str = "Q&A <live> \"best\" part";
const BELL_TITLE: &str = "it's 🔥 hot\u{7}";
const BELL_TITLE_AS_WRITTEN: &str = "it's 🔥 hot";

const STEREO: AudioInfo = AudioInfo {
    sample_rate: 48_000,
    channels: 2,
};
const MONO: AudioInfo = AudioInfo {
    sample_rate: 44_100,
    channels: 1,
};

// ---- fixtures ----

fn media(path: MediaPath, rate: Rate, audio: Option<AudioInfo>) -> Media {
    Media {
        path,
        info: MediaInfo {
            rate,
            frames: 1000,
            width: 1920,
            height: 1080,
            audio,
        },
    }
}

fn clip(name: &str, media: usize, source_in: u64, frames: u64, idx: u32) -> TimelineClip {
    let tags = vec!["interview".to_owned(), "Q,A".to_owned(), " ".to_owned()];
    TimelineClip {
        name: name.to_owned(),
        media,
        source_in,
        frames,
        marker: Marker::for_clip(idx, Some(91.5), &tags, "Why <this> & that"),
        keywords: tags,
    }
}

fn timeline(rate: Rate, media: Vec<Media>, clips: Vec<TimelineClip>) -> Timeline {
    Timeline {
        name: "Talk & <Q> · clips".to_owned(),
        event: "Project \"Ana\"".to_owned(),
        rate,
        width: 1920,
        height: 1080,
        media,
        clips,
    }
}

/// Three clips from three files: a stereo Unix one, a mono Windows one, a silent Unix one.
fn three_files(rate: Rate) -> Timeline {
    timeline(
        rate,
        vec![
            media(
                MediaPath::unix("/Users/Ana Lí/Movies/Q&A #1.mp4"),
                rate,
                Some(STEREO),
            ),
            media(
                MediaPath::windows(r"C:\Users\Ana\Vidéos\clip 🔥 two.mp4"),
                rate,
                Some(MONO),
            ),
            media(MediaPath::unix("/tmp/silent.mp4"), rate, None),
        ],
        vec![
            clip(TRICKY_TITLE, 0, 0, 100, 1),
            clip(BELL_TITLE, 1, 12, 150, 2),
            clip("Ünïcode, plain", 2, 5, 77, 3),
        ],
    )
}

/// A selects timeline: three ranges of one long stereo file.
fn selects(rate: Rate) -> Timeline {
    let mut long = media(
        MediaPath::windows(r"D:\Footage\Interview día 1.mp4"),
        rate,
        Some(STEREO),
    );
    long.info.frames = 100_000;
    timeline(
        rate,
        vec![long],
        vec![
            clip("First", 0, 300, 240, 1),
            clip("Second", 0, 5000, 180, 2),
            clip("Third", 0, 1200, 360, 3),
        ],
    )
}

fn every_fixture() -> Vec<Timeline> {
    RATES
        .iter()
        .flat_map(|&rate| [three_files(rate), selects(rate)])
        .collect()
}

// ---- a small DOM built with quick-xml ----

#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn from_start(start: &BytesStart) -> Element {
        let name = start.name().as_ref().to_owned();
        let attributes = start
            .attributes()
            .map(|attribute| {
                let attribute = attribute.expect("a well-formed, unique attribute");
                let key = attribute.key.as_ref().to_owned();
                let value = attribute
                    .normalized_value(XmlVersion::Implicit1_0)
                    .expect("an attribute value with known references")
                    .into_owned();
                (key, value)
            })
            .collect();
        Element {
            name,
            attributes,
            ..Element::default()
        }
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    fn get(&self, key: &str) -> &str {
        self.attr(key)
            .unwrap_or_else(|| panic!("<{}> has no {key}", self.name))
    }

    fn child(&self, name: &str) -> &Element {
        self.children
            .iter()
            .find(|child| child.name == name)
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }

    fn all(&self, name: &str) -> Vec<&Element> {
        self.children
            .iter()
            .filter(|child| child.name == name)
            .collect()
    }

    /// The text of the child at `path` (`"rate/timebase"`).
    fn text_at(&self, path: &str) -> &str {
        path.split('/')
            .fold(self, |element, name| element.child(name))
            .text
            .as_str()
    }

    fn child_names(&self) -> Vec<&str> {
        self.children
            .iter()
            .map(|child| child.name.as_str())
            .collect()
    }

    /// Every element named `name` under this one, in document order.
    fn descendants(&self, name: &str) -> Vec<&Element> {
        let mut found = Vec::new();
        for child in &self.children {
            if child.name == name {
                found.push(child);
            }
            found.extend(child.descendants(name));
        }
        found
    }
}

/// Parses a whole document, failing on any error, mismatched end tag or stray content; returns
/// its doctype and root element. Whitespace-only text between elements is dropped.
fn parse(xml: &str) -> (String, Element) {
    let mut reader = Reader::from_str(xml);
    let mut doctype = String::new();
    let mut open: Vec<Element> = Vec::new();
    let mut roots: Vec<Element> = Vec::new();
    let mut finish = |element: Element, open: &mut Vec<Element>| match open.last_mut() {
        Some(parent) => parent.children.push(element),
        None => roots.push(element),
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Decl(_) => {}
            Event::DocType(text) => doctype = text.xml10_content().trim().to_owned(),
            Event::Start(start) => open.push(Element::from_start(&start)),
            Event::Empty(start) => finish(Element::from_start(&start), &mut open),
            Event::End(end) => {
                let element = open.pop().expect("an end tag closes an open element");
                assert_eq!(end.name().as_ref(), element.name);
                finish(element, &mut open);
            }
            Event::Text(text) => {
                let text = text.xml10_content();
                match open.last_mut() {
                    Some(element) => element.text.push_str(&text),
                    None => assert!(text.trim().is_empty(), "text outside the root: {text:?}"),
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().expect("a valid reference") {
                    Some(character) => character.to_string(),
                    None => resolve_predefined_entity(&reference.xml10_content())
                        .expect("a predefined entity")
                        .to_owned(),
                };
                open.last_mut()
                    .expect("a reference inside an element")
                    .text
                    .push_str(&resolved);
            }
            Event::Eof => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    assert_eq!(roots.len(), 1, "exactly one root element");
    let mut root = roots.pop().unwrap();
    drop_layout_whitespace(&mut root);
    (doctype, root)
}

fn drop_layout_whitespace(element: &mut Element) {
    if !element.children.is_empty() && element.text.trim().is_empty() {
        element.text.clear();
    }
    element.children.iter_mut().for_each(drop_layout_whitespace);
}

fn assert_only_xml_characters(xml: &str) {
    let bad: Vec<char> = xml
        .chars()
        .filter(|&c| (c < ' ' && c != '\n') || c == '\u{fffe}' || c == '\u{ffff}')
        .collect();
    assert!(bad.is_empty(), "characters XML forbids: {bad:?}");
}

// ---- shared ----

#[test]
fn both_formats_are_well_formed_deterministic_and_free_of_forbidden_characters() {
    for timeline in every_fixture() {
        for write in [xmeml::write, fcpxml::write] {
            let xml = write(&timeline);
            assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE "));
            parse(&xml);
            assert_only_xml_characters(&xml);
            assert_eq!(xml, write(&timeline.clone()), "same input, same bytes");
        }
    }
}

#[test]
fn titles_are_escaped_and_read_back_without_the_control_character() {
    let timeline = three_files(NTSC);

    let xml = xmeml::write(&timeline);
    assert!(xml.contains("<name>Q&amp;A &lt;live&gt; &quot;best&quot; part</name>"));
    assert!(xml.contains("<name>it&apos;s 🔥 hot</name>"));
    let (_, root) = parse(&xml);
    let names: Vec<&str> = root
        .descendants("clipitem")
        .iter()
        .map(|item| item.text_at("name"))
        .collect();
    assert_eq!(
        &names[..3],
        [TRICKY_TITLE, BELL_TITLE_AS_WRITTEN, "Ünïcode, plain"]
    );
    assert_eq!(root.text_at("sequence/name"), "Talk & <Q> · clips");

    let xml = fcpxml::write(&timeline);
    assert!(xml.contains("name=\"Q&amp;A &lt;live&gt; &quot;best&quot; part\""));
    assert!(xml.contains("name=\"it&apos;s 🔥 hot\""));
    let (_, root) = parse(&xml);
    let names: Vec<&str> = root
        .descendants("asset-clip")
        .iter()
        .map(|clip| clip.get("name"))
        .collect();
    assert_eq!(
        names,
        [TRICKY_TITLE, BELL_TITLE_AS_WRITTEN, "Ünïcode, plain"]
    );
    assert_eq!(root.descendants("event")[0].get("name"), "Project \"Ana\"");
}

// ---- xmeml ----

#[test]
fn xmeml_puts_one_sequence_directly_under_xmeml_at_the_timelines_rate() {
    let expected = [
        (FILM, "24", "TRUE"),
        (PAL, "25", "FALSE"),
        (NTSC, "30", "TRUE"),
    ];
    for (rate, timebase, ntsc) in expected.into_iter().chain([(THIRTY, "30", "FALSE")]) {
        let (doctype, root) = parse(&xmeml::write(&three_files(rate)));
        assert_eq!(doctype, "xmeml");
        assert_eq!((root.name.as_str(), root.get("version")), ("xmeml", "4"));
        assert_eq!(root.child_names(), ["sequence"]);
        let sequence = root.child("sequence");
        assert_eq!(sequence.get("id"), "sequence-1");
        assert_eq!(sequence.text_at("duration"), "327");
        assert_eq!(sequence.text_at("rate/timebase"), timebase);
        assert_eq!(sequence.text_at("rate/ntsc"), ntsc);
        assert_eq!(sequence.text_at("timecode/string"), "00:00:00:00");
        assert_eq!(sequence.text_at("timecode/frame"), "0");
        assert_eq!(sequence.text_at("timecode/displayformat"), "NDF");
        let format = sequence.child("media").child("video").child("format");
        let characteristics = format.child("samplecharacteristics");
        assert_eq!(characteristics.text_at("rate/timebase"), timebase);
        assert_eq!(characteristics.text_at("width"), "1920");
        assert_eq!(characteristics.text_at("height"), "1080");
        assert_eq!(characteristics.text_at("pixelaspectratio"), "square");
    }
}

#[test]
fn xmeml_clipitems_follow_one_another_and_cut_their_files_frames() {
    let (_, root) = parse(&xmeml::write(&three_files(NTSC)));
    let video = root.child("sequence").child("media").child("video");
    let items = video.child("track").all("clipitem");
    let spans: Vec<[&str; 5]> = items
        .iter()
        .map(|item| ["start", "end", "in", "out", "duration"].map(|field| item.text_at(field)))
        .collect();
    assert_eq!(
        spans,
        [
            ["0", "100", "0", "100", "1000"],
            ["100", "250", "12", "162", "1000"],
            ["250", "327", "5", "82", "1000"],
        ]
    );
    for pair in items.windows(2) {
        assert_eq!(pair[0].text_at("end"), pair[1].text_at("start"));
    }
    let ids: Vec<&str> = items.iter().map(|item| item.get("id")).collect();
    assert_eq!(ids, ["clipitem-1", "clipitem-2", "clipitem-3"]);
    assert_eq!(items[0].text_at("rate/timebase"), "30");
    assert_eq!(items[0].text_at("rate/ntsc"), "TRUE");
}

#[test]
fn xmeml_files_name_localhost_urls_for_unix_and_windows_paths() {
    let (_, root) = parse(&xmeml::write(&three_files(NTSC)));
    let files: Vec<&Element> = root
        .descendants("file")
        .into_iter()
        .filter(|file| !file.children.is_empty())
        .collect();
    let described: Vec<[&str; 3]> = files
        .iter()
        .map(|file| {
            [
                file.get("id"),
                file.text_at("name"),
                file.text_at("pathurl"),
            ]
        })
        .collect();
    assert_eq!(
        described,
        [
            [
                "file-1",
                "Q&A #1.mp4",
                "file://localhost/Users/Ana%20L%C3%AD/Movies/Q%26A%20%231.mp4"
            ],
            [
                "file-2",
                "clip 🔥 two.mp4",
                "file://localhost/C:/Users/Ana/Vid%C3%A9os/clip%20%F0%9F%94%A5%20two.mp4"
            ],
            ["file-3", "silent.mp4", "file://localhost/tmp/silent.mp4"],
        ]
    );
    let stereo = files[0].child("media").child("audio");
    assert_eq!(stereo.text_at("samplecharacteristics/samplerate"), "48000");
    assert_eq!(stereo.text_at("samplecharacteristics/depth"), "16");
    assert_eq!(stereo.text_at("channelcount"), "2");
    assert_eq!(files[1].text_at("media/audio/channelcount"), "1");
    assert_eq!(files[2].child("media").child_names(), ["video"]);
    assert_eq!(
        files[1].text_at("media/video/samplecharacteristics/width"),
        "1920"
    );
    assert_eq!(files[0].text_at("timecode/string"), "00:00:00:00");
}

#[test]
fn xmeml_writes_a_shared_file_in_full_once_then_refers_to_it() {
    let xml = xmeml::write(&selects(PAL));
    assert_eq!(xml.matches("<file id=\"file-1\">").count(), 1);
    // Three video clipitems and three on each of two audio tracks share the one file.
    assert_eq!(xml.matches("<file id=\"file-1\"/>").count(), 8);
    let (_, root) = parse(&xml);
    let items = root.descendants("clipitem");
    assert_eq!(items.len(), 9);
    assert!(!items[0].child("file").children.is_empty());
    let ins: Vec<&str> = items[..3].iter().map(|item| item.text_at("in")).collect();
    assert_eq!(ins, ["300", "5000", "1200"]);
    let starts: Vec<&str> = items[..3]
        .iter()
        .map(|item| item.text_at("start"))
        .collect();
    assert_eq!(starts, ["0", "240", "420"]);
    assert_eq!(items[0].text_at("duration"), "100000");
}

#[test]
fn xmeml_audio_takes_a_track_per_channel_linked_to_its_video() {
    let (_, root) = parse(&xmeml::write(&three_files(THIRTY)));
    let media = root.child("sequence").child("media");
    let audio = media.child("audio");
    assert_eq!(
        audio.text_at("format/samplecharacteristics/samplerate"),
        "48000"
    );
    let tracks = audio.all("track");
    assert_eq!(tracks.len(), 2, "the stereo file takes two mono tracks");
    let left = tracks[0].all("clipitem");
    let right = tracks[1].all("clipitem");
    // The stereo and the mono clip on track 1; only the stereo one on track 2; the silent
    // clip on neither.
    let spans = |items: &[&Element]| -> Vec<(String, String, String)> {
        items
            .iter()
            .map(|item| {
                (
                    item.text_at("start").to_owned(),
                    item.text_at("end").to_owned(),
                    item.text_at("sourcetrack/trackindex").to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(
        spans(&left),
        [
            ("0".into(), "100".into(), "1".into()),
            ("100".into(), "250".into(), "1".into())
        ]
    );
    assert_eq!(spans(&right), [("0".into(), "100".into(), "2".into())]);
    for item in left.iter().chain(&right) {
        assert_eq!(item.text_at("sourcetrack/mediatype"), "audio");
        assert!(
            item.child("file").children.is_empty(),
            "video wrote the files"
        );
        assert!(item.all("marker").is_empty());
    }

    let video = media.child("video").child("track").all("clipitem");
    let links = |item: &Element| -> Vec<[String; 4]> {
        item.all("link")
            .iter()
            .map(|link| {
                ["linkclipref", "mediatype", "trackindex", "clipindex"]
                    .map(|field| link.text_at(field).to_owned())
            })
            .collect()
    };
    let stereo_group = [
        [video[0].get("id"), "video", "1", "1"],
        [left[0].get("id"), "audio", "1", "1"],
        [right[0].get("id"), "audio", "2", "1"],
    ]
    .map(|link| link.map(str::to_owned));
    assert_eq!(links(video[0]), stereo_group);
    assert_eq!(links(left[0]), stereo_group);
    assert_eq!(links(right[0]), stereo_group);
    let mono_group = [
        [video[1].get("id"), "video", "1", "2"],
        [left[1].get("id"), "audio", "1", "2"],
    ]
    .map(|link| link.map(str::to_owned));
    assert_eq!(links(video[1]), mono_group);
    assert!(
        links(video[2]).is_empty(),
        "a clip without sound links nothing"
    );
    let ids: Vec<&str> = [video[2], left[0], left[1], right[0]]
        .iter()
        .map(|item| item.get("id"))
        .collect();
    assert_eq!(
        ids,
        ["clipitem-3", "clipitem-4", "clipitem-5", "clipitem-6"]
    );
}

#[test]
fn xmeml_has_no_audio_for_silent_media_and_one_track_for_mono() {
    let mut silent = three_files(PAL);
    silent
        .media
        .iter_mut()
        .for_each(|media| media.info.audio = None);
    let (_, root) = parse(&xmeml::write(&silent));
    assert_eq!(
        root.child("sequence").child("media").child_names(),
        ["video"]
    );
    assert!(root.descendants("link").is_empty());

    let mut mono = three_files(PAL);
    mono.media[0].info.audio = Some(MONO);
    let (_, root) = parse(&xmeml::write(&mono));
    let audio = root.child("sequence").child("media").child("audio");
    assert_eq!(audio.all("track").len(), 1);
    assert_eq!(audio.child("track").all("clipitem").len(), 2);
}

#[test]
fn xmeml_marks_each_video_clipitem_at_its_in_point() {
    let timeline = three_files(FILM);
    let (_, root) = parse(&xmeml::write(&timeline));
    let video = root.child("sequence").child("media").child("video");
    for (item, clip) in video
        .child("track")
        .all("clipitem")
        .iter()
        .zip(&timeline.clips)
    {
        let markers = item.all("marker");
        assert_eq!(markers.len(), 1);
        assert_eq!(markers[0].text_at("name"), clip.marker.name);
        assert_eq!(markers[0].text_at("comment"), clip.marker.note);
        assert_eq!(markers[0].text_at("in"), clip.source_in.to_string());
        assert_eq!(markers[0].text_at("out"), "-1");
    }
    assert_eq!(
        timeline.clips[0].marker.note,
        "Tags: interview, Q,A,  . Why <this> & that"
    );
}

#[test]
fn xmeml_clipitems_of_another_rate_count_in_and_out_at_their_own() {
    let mut mixed = three_files(PAL);
    mixed.media[1].info.rate = THIRTY;
    let (_, root) = parse(&xmeml::write(&mixed));
    let video = root.child("sequence").child("media").child("video");
    let item = video.child("track").all("clipitem")[1];
    assert_eq!(item.text_at("rate/timebase"), "30");
    // 150 frames at 30 fps fill 125 frames at 25.
    assert_eq!(
        ["start", "end", "in", "out"].map(|field| item.text_at(field)),
        ["100", "225", "12", "162"]
    );
    assert_eq!(root.text_at("sequence/duration"), "302");
}

// ---- FCPXML ----

fn is_rational_time(text: &str) -> bool {
    text == "0s"
        || text.strip_suffix('s').is_some_and(|ratio| {
            ratio.split_once('/').is_some_and(|(num, den)| {
                !num.is_empty()
                    && !den.is_empty()
                    && num.bytes().chain(den.bytes()).all(|b| b.is_ascii_digit())
            })
        })
}

#[test]
fn fcpxml_nests_resources_library_event_project_sequence_spine() {
    for rate in RATES {
        let (doctype, root) = parse(&fcpxml::write(&three_files(rate)));
        assert_eq!(doctype, "fcpxml");
        assert_eq!(
            (root.name.as_str(), root.get("version")),
            ("fcpxml", "1.10")
        );
        assert_eq!(root.child_names(), ["resources", "library"]);
        let event = root.child("library").child("event");
        assert_eq!(event.get("name"), "Project \"Ana\"");
        let project = event.child("project");
        assert_eq!(project.get("name"), "Talk & <Q> · clips");
        let sequence = project.child("sequence");
        assert_eq!(sequence.get("format"), "r1");
        assert_eq!(sequence.get("tcStart"), "0s");
        assert_eq!(sequence.get("tcFormat"), "NDF");
        assert_eq!(sequence.get("audioLayout"), "stereo");
        assert_eq!(sequence.get("audioRate"), "48k");
        assert_eq!(sequence.get("duration"), rate.fcpxml_time(327));
        assert_eq!(sequence.child("spine").all("asset-clip").len(), 3);
        for element in root
            .descendants("asset-clip")
            .into_iter()
            .chain(root.descendants("marker"))
        {
            for key in ["offset", "start", "duration"] {
                if let Some(time) = element.attr(key) {
                    assert!(is_rational_time(time), "{key}={time} at {rate}");
                }
            }
        }
    }
}

#[test]
fn fcpxml_offsets_accumulate_as_exact_ratios_at_every_rate() {
    let expected = [
        (
            NTSC,
            ["0s", "100100/30000s", "250250/30000s"],
            "12012/30000s",
            "150150/30000s",
        ),
        (
            FILM,
            ["0s", "100100/24000s", "250250/24000s"],
            "12012/24000s",
            "150150/24000s",
        ),
        (PAL, ["0s", "100/25s", "250/25s"], "12/25s", "150/25s"),
        (THIRTY, ["0s", "100/30s", "250/30s"], "12/30s", "150/30s"),
    ];
    for (rate, offsets, second_start, second_duration) in expected {
        let (_, root) = parse(&fcpxml::write(&three_files(rate)));
        let clips = root.descendants("asset-clip");
        let found: Vec<&str> = clips.iter().map(|clip| clip.get("offset")).collect();
        assert_eq!(found, offsets, "at {rate}");
        assert_eq!(clips[1].get("start"), second_start);
        assert_eq!(clips[1].get("duration"), second_duration);
        assert_eq!(clips[0].get("start"), "0s");
        assert_eq!(clips[2].get("tcFormat"), "NDF");
    }
}

#[test]
fn fcpxml_resources_hold_one_format_and_an_asset_per_file_with_a_media_rep() {
    let (_, root) = parse(&fcpxml::write(&three_files(NTSC)));
    let resources = root.child("resources");
    assert_eq!(
        resources.child_names(),
        ["format", "asset", "asset", "asset"]
    );
    let format = resources.child("format");
    assert_eq!(
        ["id", "name", "frameDuration", "width", "height"].map(|key| format.get(key)),
        [
            "r1",
            "FFVideoFormat1080p2997",
            "1001/30000s",
            "1920",
            "1080"
        ]
    );
    let assets = resources.all("asset");
    let described: Vec<[Option<&str>; 7]> = assets
        .iter()
        .map(|asset| {
            [
                "id",
                "name",
                "hasAudio",
                "audioChannels",
                "audioRate",
                "format",
                "src",
            ]
            .map(|key| asset.attr(key))
        })
        .collect();
    assert_eq!(
        described,
        [
            [
                Some("r2"),
                Some("Q&A #1"),
                Some("1"),
                Some("2"),
                Some("48000"),
                Some("r1"),
                None
            ],
            [
                Some("r3"),
                Some("clip 🔥 two"),
                Some("1"),
                Some("1"),
                Some("44100"),
                Some("r1"),
                None
            ],
            [
                Some("r4"),
                Some("silent"),
                Some("0"),
                None,
                None,
                Some("r1"),
                None
            ],
        ]
    );
    for asset in &assets {
        assert_eq!(asset.get("start"), "0s");
        assert_eq!(asset.get("duration"), "1001000/30000s");
        assert_eq!(asset.get("hasVideo"), "1");
    }
    let sources: Vec<[&str; 2]> = assets
        .iter()
        .map(|asset| {
            let rep = asset.child("media-rep");
            [rep.get("kind"), rep.get("src")]
        })
        .collect();
    assert_eq!(
        sources,
        [
            [
                "original-media",
                "file:///Users/Ana%20L%C3%AD/Movies/Q%26A%20%231.mp4"
            ],
            [
                "original-media",
                "file:///C:/Users/Ana/Vid%C3%A9os/clip%20%F0%9F%94%A5%20two.mp4"
            ],
            ["original-media", "file:///tmp/silent.mp4"],
        ]
    );
    let refs: Vec<&str> = root
        .descendants("asset-clip")
        .iter()
        .map(|clip| clip.get("ref"))
        .collect();
    assert_eq!(refs, ["r2", "r3", "r4"]);
}

#[test]
fn fcpxml_clips_carry_a_marker_then_their_tags_as_one_keyword() {
    let timeline = three_files(NTSC);
    let (_, root) = parse(&fcpxml::write(&timeline));
    for (element, clip) in root.descendants("asset-clip").iter().zip(&timeline.clips) {
        assert_eq!(element.child_names(), ["marker", "keyword"]);
        let marker = element.child("marker");
        assert_eq!(marker.get("start"), element.get("start"));
        assert_eq!(marker.get("duration"), "1001/30000s");
        assert_eq!(marker.get("value"), clip.marker.name);
        assert_eq!(marker.get("note"), clip.marker.note);
        let keyword = element.child("keyword");
        assert_eq!(keyword.get("start"), element.get("start"));
        assert_eq!(keyword.get("duration"), element.get("duration"));
        // A comma inside a tag would split it; the blank tag goes.
        assert_eq!(keyword.get("value"), "interview, Q A");
    }

    let mut untagged = three_files(PAL);
    untagged.clips[0].keywords.clear();
    untagged.clips[0].marker.note.clear();
    let (_, root) = parse(&fcpxml::write(&untagged));
    let first = root.descendants("asset-clip")[0];
    assert_eq!(first.child_names(), ["marker"]);
    assert_eq!(first.child("marker").attr("note"), None);
}

#[test]
fn fcpxml_selects_cut_one_asset_at_different_starts() {
    let (_, root) = parse(&fcpxml::write(&selects(FILM)));
    assert_eq!(root.descendants("asset").len(), 1);
    let clips = root.descendants("asset-clip");
    let cut: Vec<[&str; 4]> = clips
        .iter()
        .map(|clip| ["ref", "offset", "start", "duration"].map(|key| clip.get(key)))
        .collect();
    assert_eq!(
        cut,
        [
            ["r2", "0s", "300300/24000s", "240240/24000s"],
            ["r2", "240240/24000s", "5005000/24000s", "180180/24000s"],
            ["r2", "420420/24000s", "1201200/24000s", "360360/24000s"],
        ]
    );
    let asset = root.child("resources").child("asset");
    assert_eq!(asset.get("duration"), "100100000/24000s");
    assert_eq!(
        asset.child("media-rep").get("src"),
        "file:///D:/Footage/Interview%20d%C3%ADa%201.mp4"
    );
}

#[test]
fn fcpxml_names_only_standard_formats_and_adds_one_per_other_rate_or_size() {
    let mut mixed = three_files(PAL);
    mixed.media[1].info.rate = THIRTY;
    mixed.media[2].info.width = 1080;
    mixed.media[2].info.height = 1920;
    let (_, root) = parse(&fcpxml::write(&mixed));
    let formats: Vec<[Option<&str>; 5]> = root
        .child("resources")
        .all("format")
        .iter()
        .map(|format| {
            ["id", "name", "frameDuration", "width", "height"].map(|key| format.attr(key))
        })
        .collect();
    assert_eq!(
        formats,
        [
            [
                Some("r1"),
                Some("FFVideoFormat1080p25"),
                Some("1/25s"),
                Some("1920"),
                Some("1080")
            ],
            [
                Some("r2"),
                Some("FFVideoFormat1080p30"),
                Some("1/30s"),
                Some("1920"),
                Some("1080")
            ],
            [Some("r3"), None, Some("1/25s"), Some("1080"), Some("1920")],
        ]
    );
    let clips = root.descendants("asset-clip");
    let placed: Vec<[&str; 4]> = clips
        .iter()
        .map(|clip| ["format", "offset", "start", "duration"].map(|key| clip.get(key)))
        .collect();
    // The 30 fps clip starts on its own grid but lasts a whole number of sequence frames.
    assert_eq!(
        placed,
        [
            ["r1", "0s", "0s", "100/25s"],
            ["r2", "100/25s", "12/30s", "125/25s"],
            ["r3", "225/25s", "5/25s", "77/25s"],
        ]
    );
    assert_eq!(root.descendants("sequence")[0].get("duration"), "302/25s");
}

#[test]
fn fcpxml_sequence_audio_follows_the_media() {
    let mut mono = three_files(PAL);
    mono.media[0].info.audio = Some(AudioInfo {
        sample_rate: 44_100,
        channels: 1,
    });
    let (_, root) = parse(&fcpxml::write(&mono));
    let sequence = root.descendants("sequence")[0];
    assert_eq!(sequence.get("audioLayout"), "mono");
    assert_eq!(sequence.get("audioRate"), "44.1k");

    let mut odd = three_files(PAL);
    odd.media[0].info.audio = Some(AudioInfo {
        sample_rate: 22_050,
        channels: 2,
    });
    let (_, root) = parse(&fcpxml::write(&odd));
    let sequence = root.descendants("sequence")[0];
    assert_eq!(sequence.get("audioRate"), "48k");
    assert_eq!(root.descendants("asset")[0].get("audioRate"), "22050");
}

#[test]
#[should_panic(expected = "MismatchedEndTag")]
fn the_reader_refuses_crossed_tags() {
    parse("<a><b></a></b>");
}

#[test]
#[should_panic(expected = "well-formed XML")]
fn the_reader_refuses_a_bare_ampersand() {
    parse("<a>Q&A</a>");
}
