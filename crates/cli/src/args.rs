//! The command line, exactly as scripts may rely on it.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use engine::timelines::TimelineFormat;
use wayin_api::request::{
    CaptionDisplay, CaptionStyle, HookDuration, HookPosition, HookStyle, Ratio, Resolution,
    TargetLang,
};

/// The version and the commit it was built from, as `--version` prints them.
fn version_line() -> &'static str {
    static LINE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    LINE.get_or_init(|| format!("{} (commit {})", env!("CARGO_PKG_VERSION"), app::COMMIT))
}

const AFTER_LONG_HELP: &str = "\
Environment:
  WAYIN_API_KEY      API key to use instead of the one in the system keychain.
                     When set, no keychain is needed at all.
  WAYIN_API_BASE     API base URL including /api/v2 (--api-base wins over it).
                     Plain http is accepted on loopback only.
  WAYIN_DATA_DIR     Where the export history and download state are kept
                     (default: the platform's data directory, shared with the
                     desktop app).
  WAYIN_RATE_LIMIT   Request budget as N/SECONDS, shared by every call this
                     command makes with the key (default 15/60, the vendor's
                     limit). Change it only when your plan's limit differs.
  WAYIN_CONCURRENCY  Downloads at once, 1 to 8 (default 3).
  WAYIN_LOG          Diagnostic log filter written to stderr, e.g. `debug`
                     (default: off). Logs never contain the key.
  WAYIN_KEYCHAIN_SERVICE
                     Keychain service name of the key entry (default: the one
                     the desktop app uses). Meant for tests.

Exit codes:
  0    done: every requested clip is on disk, complete (or the query succeeded)
  1    unexpected local problem (data directory, disk, internal error)
  2    usage error (unknown flag, bad value, a gated flag without its switch)
  3    key problem: no key, key rejected by the API, keychain unavailable
  4    the API refused the request, could not be reached or found nothing
  5    the render failed or the export task expired, or a new project FAILED
       (the vendor's message)
  6    a download failed: some requested clip is not on disk
  7    the submit's (or a new project's) answer never came: check `history`
       before sending it again
  130  interrupted (Ctrl-C): the export stays recorded and partial downloads
       resume with `wayin-export download <EXPORT_TASK_ID> --out DIR`";

/// Export clips of WayinVideo AI Clipping and Find Moments projects from a terminal,
/// on the same engine and history as the Wayin Clip Exporter app.
#[derive(Debug, Parser)]
#[command(
    name = "wayin-export",
    version = version_line(),
    after_long_help = AFTER_LONG_HELP,
    propagate_version = true
)]
pub struct Cli {
    /// API base URL including /api/v2 [default: $WAYIN_API_BASE, else the vendor's]
    #[arg(long, global = true, value_name = "URL")]
    pub api_base: Option<String>,

    /// Print machine-readable JSON on stdout instead of text
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Store, inspect or remove the API key in the system keychain
    #[command(subcommand)]
    Key(KeyCommand),

    /// Make a project from your own video (a file, or a link to a video page), wait for
    /// its clips and list them
    New(NewArgs),

    /// List a project's clips: idx, duration, score, title
    Clips {
        /// Project id of an AI Clipping or Find Moments task (proj_… or prj…), or a link
        /// that contains it
        #[arg(value_name = "PROJECT_ID", value_parser = parse_project_id)]
        project_id: String,
    },

    /// Submit an export, wait for the render and download each clip as it is ready
    Export(Box<ExportArgs>),

    /// Show an export task: status, cost, expiry, which clips have links
    Status {
        /// Export task id, as `export --no-wait` prints it
        #[arg(value_name = "EXPORT_TASK_ID")]
        export_task_id: String,
    },

    /// Download the clips of any export task, also one submitted elsewhere
    Download(DownloadArgs),

    /// Write a timeline (Premiere/Resolve XML, Final Cut XML, EDL, OTIO) of an export
    /// already downloaded on this machine
    Timeline(TimelineArgs),

    /// Write a timeline of a project's clips as ranges of your own source video:
    /// nothing is rendered and no API units are spent
    Selects(SelectsArgs),

    /// List the exports recorded on this machine
    History,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// A video file (mp4, mov, avi or webm, at most 5 GB) or an http(s) link to a video page
    #[arg(value_name = "FILE|URL")]
    pub source: String,

    /// Find Moments: what to find, e.g. "funny reactions" [default: AI Clipping]
    #[arg(long, value_name = "QUERY")]
    pub moments: Option<String>,

    /// AI Clipping's clip length in seconds: 0-30, 0-90, 30-60, 60-90, 90-180 or 180-300
    /// [default: 0-90]
    #[arg(long, value_name = "SECONDS", conflicts_with = "moments")]
    pub length: Option<String>,

    /// At most N clips (1-500), the best by score
    #[arg(long, value_name = "N")]
    pub max_clips: Option<u32>,

    /// The video's language, e.g. en [default: detected]
    #[arg(long, value_name = "CODE")]
    pub source_lang: Option<String>,

    /// The language of the clips' titles, e.g. es [default: the video's]
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,

    /// The project's name [default: the service's]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Print the project's id once it is created, without waiting for its clips
    #[arg(long)]
    pub no_wait: bool,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Read the key from stdin (one line, never echoed) and save it in the keychain
    Set {
        /// Keep the key even when WayinVideo cannot be reached to check it
        #[arg(long)]
        unverified: bool,
        /// Caught only to be refused without being echoed back, as clap would.
        #[arg(hide = true, num_args = 0.., allow_hyphen_values = true, trailing_var_arg = true)]
        refused: Vec<String>,
    },
    /// Say whether a key is set, where it comes from and its last 4 characters
    Status,
    /// Remove the key from the keychain
    Delete,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Project id of an AI Clipping or Find Moments task (proj_… or prj…), or a link
    /// that contains it
    #[arg(value_name = "PROJECT_ID", value_parser = parse_project_id)]
    pub project_id: String,

    /// Clip indices to export, comma separated [default: all clips]
    #[arg(long, value_name = "0,2,5", value_delimiter = ',')]
    pub clips: Option<Vec<u32>>,

    /// Output resolution [default: SD_480]
    #[arg(long, value_name = "RES", ignore_case = true, value_parser = resolution_parser())]
    pub resolution: Option<Resolution>,

    /// Target language code for translation, e.g. en, es, zh-cn [default: the source's]
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    pub lang: Option<TargetLang>,

    /// Burn in animated captions
    #[arg(long)]
    pub captions: bool,

    /// Which caption lines to show (needs --captions) [default: original]
    #[arg(long, value_name = "DISPLAY", requires = "captions", value_parser = caption_display_parser())]
    pub caption_display: Option<CaptionDisplay>,

    /// Caption style id, e.g. temp-7 or temp-static-1 (needs --captions)
    #[arg(long, value_name = "ID", requires = "captions", value_parser = parse_caption_style)]
    pub caption_style: Option<CaptionStyle>,

    /// Add an AI-written hook
    #[arg(long)]
    pub hook: bool,

    /// Tone of the hook text (needs --hook)
    #[arg(long, value_name = "STYLE", requires = "hook", value_parser = hook_style_parser())]
    pub hook_style: Option<HookStyle>,

    /// Where the hook appears (needs --hook)
    #[arg(long, value_name = "POSITION", requires = "hook", value_parser = hook_position_parser())]
    pub hook_position: Option<HookPosition>,

    /// Keywords the hook should use (needs --hook)
    #[arg(long, value_name = "TEXT", requires = "hook")]
    pub hook_keywords: Option<String>,

    /// How long the hook text stays on screen, in milliseconds (needs --hook)
    #[arg(long, value_name = "N", requires = "hook", value_parser = parse_hook_duration)]
    pub hook_duration_ms: Option<HookDuration>,

    /// Reframe with AI to this aspect ratio
    #[arg(long, value_name = "RATIO", value_parser = ratio_parser())]
    pub reframe: Option<Ratio>,

    /// Folder the clips are saved in (created if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// File name template; fields: project, task, idx, title, score, resolution, ratio, date
    /// [default: "{project} - {idx:02} - {title}.mp4"]
    #[arg(long, value_name = "T")]
    pub name_template: Option<String>,

    /// Submit, print the export task id and exit without waiting
    #[arg(long)]
    pub no_wait: bool,

    /// Also write timelines once every clip is on disk: xml (Premiere, Resolve), fcpxml
    /// (Final Cut), edl, otio, comma separated, or all
    #[arg(long, value_name = "FORMATS", value_parser = parse_formats, conflicts_with = "no_wait")]
    pub timeline: Option<TimelineFormats>,
}

#[derive(Debug, Args)]
pub struct DownloadArgs {
    /// Export task id, from `export --no-wait`, the app or any other client
    #[arg(value_name = "EXPORT_TASK_ID")]
    pub export_task_id: String,

    /// Folder the clips are saved in (created if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Clip indices to download, comma separated [default: every clip of the task]
    #[arg(long, value_name = "0,2,5", value_delimiter = ',')]
    pub clips: Option<Vec<u32>>,

    /// Also write timelines once every clip is on disk: xml (Premiere, Resolve), fcpxml
    /// (Final Cut), edl, otio, comma separated, or all
    #[arg(long, value_name = "FORMATS", value_parser = parse_formats)]
    pub timeline: Option<TimelineFormats>,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Export task id of an export downloaded on this machine (see `history`)
    #[arg(value_name = "EXPORT_TASK_ID")]
    pub export_task_id: String,

    /// xml (Premiere, Resolve), fcpxml (Final Cut), edl, otio, comma separated, or all
    #[arg(long, value_name = "FORMATS", value_parser = parse_formats, default_value = "all")]
    pub format: TimelineFormats,

    /// Folder the timeline files are written in [default: the export's download folder]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SelectsArgs {
    /// Project id of an AI Clipping or Find Moments task (proj_… or prj…), or a link
    /// that contains it
    #[arg(value_name = "PROJECT_ID", value_parser = parse_project_id)]
    pub project_id: String,

    /// Your original long video, the one the project was made from [default: the file a
    /// project made here with `new` was uploaded from]
    #[arg(long, value_name = "FILE")]
    pub source: Option<PathBuf>,

    /// xml (Premiere, Resolve), fcpxml (Final Cut), edl, otio, comma separated, or all
    #[arg(long, value_name = "FORMATS", value_parser = parse_formats, default_value = "all")]
    pub format: TimelineFormats,

    /// Folder the timeline files are written in (created if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Clip indices, in the order they go on the timeline [default: every clip by idx]
    #[arg(long, value_name = "0,2,5", value_delimiter = ',')]
    pub clips: Option<Vec<u32>>,
}

/// Timeline formats, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineFormats(pub Vec<TimelineFormat>);

/// A link to the project works as well as its id.
fn parse_project_id(text: &str) -> Result<String, wayin_api::project_id::NoProjectId> {
    wayin_api::project_id::find(text)
}

fn parse_formats(text: &str) -> Result<TimelineFormats, String> {
    TimelineFormat::parse_list(text).map(TimelineFormats)
}

fn resolution_parser() -> impl TypedValueParser<Value = Resolution> {
    PossibleValuesParser::new(Resolution::ALL.iter().map(|r| r.as_wire()))
        .map(|text| text.parse().expect("a listed resolution parses"))
}

fn caption_display_parser() -> impl TypedValueParser<Value = CaptionDisplay> {
    PossibleValuesParser::new(CaptionDisplay::ALL.iter().map(|d| d.as_wire()))
        .map(|text| text.parse().expect("a listed caption display parses"))
}

fn hook_style_parser() -> impl TypedValueParser<Value = HookStyle> {
    PossibleValuesParser::new(HookStyle::ALL.iter().map(|s| s.as_wire()))
        .map(|text| text.parse().expect("a listed hook style parses"))
}

fn hook_position_parser() -> impl TypedValueParser<Value = HookPosition> {
    PossibleValuesParser::new(HookPosition::ALL.iter().map(|p| p.as_wire()))
        .map(|text| text.parse().expect("a listed hook position parses"))
}

fn ratio_parser() -> impl TypedValueParser<Value = Ratio> {
    PossibleValuesParser::new(Ratio::ALL.iter().map(|r| r.label()))
        .map(|text| text.parse().expect("a listed ratio parses"))
}

fn parse_lang(text: &str) -> Result<TargetLang, String> {
    TargetLang::parse(text).map_err(|e| e.to_string())
}

fn parse_caption_style(text: &str) -> Result<CaptionStyle, String> {
    CaptionStyle::parse(text).map_err(|e| e.to_string())
}

fn parse_hook_duration(text: &str) -> Result<HookDuration, String> {
    let ms: u64 = text
        .trim()
        .parse()
        .map_err(|_| "expected a whole number of milliseconds, e.g. 3000".to_owned())?;
    HookDuration::from_ms(ms).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;
    use clap::CommandFactory;

    #[test]
    fn the_version_names_the_commit_it_was_built_from() {
        let err = parse(&["--version"]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DisplayVersion);
        let said = err.to_string();
        assert!(said.contains(env!("CARGO_PKG_VERSION")), "{said}");
        assert!(
            said.contains(&format!("(commit {})", app::COMMIT)),
            "{said}"
        );
    }

    #[test]
    fn the_help_gives_the_engines_own_bound_and_default_for_downloads_at_once() {
        use engine::settings::{DEFAULT_CONCURRENCY, MAX_CONCURRENCY};
        let said = format!("1 to {MAX_CONCURRENCY} (default {DEFAULT_CONCURRENCY})");
        assert!(
            AFTER_LONG_HELP.contains(&said),
            "the help should say {said}"
        );
    }

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("wayin-export").chain(args.iter().copied()))
    }

    fn export(args: &[&str]) -> ExportArgs {
        match parse(args).unwrap().command {
            Command::Export(args) => *args,
            other => panic!("not an export: {other:?}"),
        }
    }

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_export_flag_parses_into_typed_values() {
        let a = export(&[
            "export",
            "proj_1",
            "--clips",
            "0,2,5",
            "--resolution",
            "UHD_4K",
            "--lang",
            "zh-cn",
            "--captions",
            "--caption-display",
            "both",
            "--caption-style",
            "temp-static-1",
            "--hook",
            "--hook-style",
            "dramatic",
            "--hook-position",
            "end",
            "--hook-keywords",
            "pricing, growth",
            "--hook-duration-ms",
            "2500",
            "--reframe",
            "9:16",
            "--out",
            "clips",
            "--name-template",
            "{idx}.mp4",
            "--no-wait",
        ]);
        assert_eq!(a.clips, Some(vec![0, 2, 5]));
        assert_eq!(a.resolution, Some(Resolution::Uhd4k));
        assert_eq!(a.lang.unwrap().code(), "zh-cn");
        assert!(a.captions && a.hook && a.no_wait);
        assert_eq!(a.caption_display, Some(CaptionDisplay::Both));
        assert_eq!(a.caption_style.unwrap().as_str(), "temp-static-1");
        assert_eq!(a.hook_style, Some(HookStyle::Dramatic));
        assert_eq!(a.hook_position, Some(HookPosition::End));
        assert_eq!(a.hook_keywords.as_deref(), Some("pricing, growth"));
        assert_eq!(a.hook_duration_ms.unwrap().as_ms(), 2500);
        assert_eq!(a.reframe, Some(Ratio::Portrait9x16));
        assert_eq!(a.out, PathBuf::from("clips"));
        assert_eq!(a.name_template.as_deref(), Some("{idx}.mp4"));
    }

    #[test]
    fn a_link_to_the_project_gives_its_id() {
        let link = "https://wayin.ai/app/clips/proj_8f2a9c?tab=clips";
        assert_eq!(
            export(&["export", link, "--out", "c"]).project_id,
            "proj_8f2a9c"
        );
        let Command::Clips { project_id } = parse(&["clips", link]).unwrap().command else {
            panic!("clips parses as clips");
        };
        assert_eq!(project_id, "proj_8f2a9c");
        let refused = parse(&["clips", "https://wayin.ai/app/projects"]).unwrap_err();
        assert!(
            refused.to_string().contains("No project id was found"),
            "{refused}"
        );
    }

    #[test]
    fn global_flags_go_before_or_after_the_command() {
        let before = parse(&[
            "--json",
            "--api-base",
            "http://127.0.0.1:1/api/v2",
            "history",
        ]);
        let after = parse(&[
            "history",
            "--json",
            "--api-base",
            "http://127.0.0.1:1/api/v2",
        ]);
        for cli in [before.unwrap(), after.unwrap()] {
            assert!(cli.json);
            assert_eq!(cli.api_base.as_deref(), Some("http://127.0.0.1:1/api/v2"));
        }
    }

    #[test]
    fn gated_flags_need_their_switch() {
        for args in [
            &["export", "p", "--out", "d", "--caption-style", "temp-7"][..],
            &["export", "p", "--out", "d", "--caption-display", "both"],
            &["export", "p", "--out", "d", "--hook-style", "calm"],
            &["export", "p", "--out", "d", "--hook-position", "end"],
            &["export", "p", "--out", "d", "--hook-keywords", "x"],
            &["export", "p", "--out", "d", "--hook-duration-ms", "100"],
        ] {
            let err = parse(args).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::MissingRequiredArgument, "{args:?}");
            assert_eq!(err.exit_code(), 2);
        }
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            &["export", "p", "--out", "d", "--reframe", "3:2"][..],
            &["export", "p", "--out", "d", "--resolution", "8K"],
            &["export", "p", "--out", "d", "--lang", "klingon"],
            &[
                "export",
                "p",
                "--out",
                "d",
                "--captions",
                "--caption-style",
                "Bad Style",
            ],
            &[
                "export",
                "p",
                "--out",
                "d",
                "--hook",
                "--hook-duration-ms",
                "0",
            ],
            &["export", "p", "--out", "d", "--clips", "1,x"],
            &["export", "p"],
            &["download", "t"],
        ] {
            let err = parse(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}");
        }
    }

    #[test]
    fn every_ratio_and_resolution_of_the_spec_is_accepted() {
        for ratio in ["9:16", "1:1", "4:5", "16:9"] {
            assert!(parse(&["export", "p", "--out", "d", "--reframe", ratio]).is_ok());
        }
        for res in ["SD_480", "HD_720", "FHD_1080", "QHD_2K", "UHD_4K", "uhd_4k"] {
            assert!(parse(&["export", "p", "--out", "d", "--resolution", res]).is_ok());
        }
    }

    #[test]
    fn a_key_given_as_an_argument_is_caught_not_echoed_by_clap() {
        let cli = parse(&["key", "set", "sk_live_on_the_command_line"]).unwrap();
        match cli.command {
            Command::Key(KeyCommand::Set { refused, .. }) => assert_eq!(refused.len(), 1),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn timeline_formats_are_a_list_or_all() {
        let a = export(&["export", "p", "--out", "d", "--timeline", "fcpxml,xml"]);
        assert_eq!(
            a.timeline,
            Some(TimelineFormats(vec![
                TimelineFormat::Xmeml,
                TimelineFormat::Fcpxml
            ]))
        );
        match parse(&["timeline", "t1"]).unwrap().command {
            Command::Timeline(t) => {
                assert_eq!(t.format, TimelineFormats(TimelineFormat::ALL.to_vec()));
                assert_eq!(t.out, None);
            }
            other => panic!("{other:?}"),
        }
        for args in [
            &["export", "p", "--out", "d", "--timeline", "aaf"][..],
            &[
                "export",
                "p",
                "--out",
                "d",
                "--timeline",
                "all",
                "--no-wait",
            ],
            &["selects", "p", "--source", "v.mp4"],
            &["timeline", "t", "--format", ""],
        ] {
            assert_eq!(parse(args).unwrap_err().exit_code(), 2, "{args:?}");
        }
    }

    #[test]
    fn new_takes_a_file_or_a_link_and_moments_take_no_clip_length() {
        match parse(&["new", "talk.mp4", "--max-clips", "5", "--no-wait"])
            .unwrap()
            .command
        {
            Command::New(args) => {
                assert_eq!(args.source, "talk.mp4");
                assert_eq!(args.max_clips, Some(5));
                assert!(args.no_wait);
                assert_eq!(args.moments, None);
            }
            other => panic!("{other:?}"),
        }
        let both = [
            "new",
            "https://x.test/v",
            "--moments",
            "q",
            "--length",
            "0-30",
        ];
        assert_eq!(parse(&both).unwrap_err().exit_code(), 2);
        assert_eq!(parse(&["new"]).unwrap_err().exit_code(), 2);
    }

    #[test]
    fn download_takes_a_clip_list() {
        let cli = parse(&["download", "exp_1", "--out", "d", "--clips", "3,1"]).unwrap();
        match cli.command {
            Command::Download(d) => {
                assert_eq!(d.export_task_id, "exp_1");
                assert_eq!(d.clips, Some(vec![3, 1]));
            }
            other => panic!("{other:?}"),
        }
    }
}
