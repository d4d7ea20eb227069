//! The demo projects: realistic metadata over small real MP4s and JPEGs compiled into the binary,
//! so demo mode and tests need no files on disk. `fixtures/make-fixtures.sh` made the media.

use bytes::Bytes;

use crate::catalog::{Clip, Project, ProjectKind};
use crate::media::ClipMedia;

macro_rules! fixture {
    ($path:literal) => {
        Bytes::from_static(include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/",
            $path
        )))
    };
}

struct ClipText {
    title: &'static str,
    begin_ms: u64,
    end_ms: u64,
    tags: &'static [&'static str],
    desc: &'static str,
    score: u32,
}

const PODCAST_CLIPS: [ClipText; 6] = [
    ClipText {
        title: "The pricing mistake that almost sank us",
        begin_ms: 754_200,
        end_ms: 812_900,
        tags: &["startups", "pricing", "lessons"],
        desc: "Why charging per seat nearly killed the company, and the usage-based plan that saved it.",
        score: 94,
    },
    ClipText {
        title: "How to hire your first ten engineers",
        begin_ms: 1_391_000,
        end_ms: 1_462_450,
        tags: &["hiring", "engineering", "leadership"],
        desc: "A founder's checklist for early hires: what to test, what to skip, and when to wait.",
        score: 91,
    },
    ClipText {
        title: "Burnout is a systems problem, not a you problem 🔥",
        begin_ms: 2_050_300,
        end_ms: 2_101_800,
        tags: &["burnout", "mental health", "culture"],
        desc: "Fixing the on-call rota did more for morale than any offsite.",
        score: 88,
    },
    ClipText {
        title: "The one metric we check every Monday",
        begin_ms: 312_000,
        end_ms: 349_500,
        tags: &["metrics", "growth"],
        desc: "Net revenue retention, explained in under a minute.",
        score: 84,
    },
    ClipText {
        title: "Remote work: what actually changed",
        begin_ms: 2_688_700,
        end_ms: 2_756_000,
        tags: &["remote work", "culture", "productivity"],
        desc: "Three habits that survived the return to the office, and two that did not.",
        score: 79,
    },
    ClipText {
        title: "Advice to my 25-year-old self",
        begin_ms: 3_301_000,
        end_ms: 3_344_250,
        tags: &["advice", "career"],
        desc: "Closing thoughts: ship earlier, sleep more, write things down.",
        score: 73,
    },
];

const MOMENTS_CLIPS: [ClipText; 3] = [
    ClipText {
        title: "\"Two full days\" — the battery life claim",
        begin_ms: 421_500,
        end_ms: 447_000,
        tags: &["battery", "keynote"],
        desc: "The host states the battery lasts two full days of mixed use.",
        score: 92,
    },
    ClipText {
        title: "Live demo: 0 to 50% in 18 minutes",
        begin_ms: 1_204_000,
        end_ms: 1_262_300,
        tags: &["battery", "charging", "demo"],
        desc: "On-stage fast-charging demo with a timer on screen.",
        score: 86,
    },
    ClipText {
        title: "Q&A: does the battery survive a cold morning?",
        begin_ms: 2_870_900,
        end_ms: 2_903_400,
        tags: &["battery", "q&a"],
        desc: "An audience question about cold-weather performance and the engineer's answer.",
        score: 71,
    },
];

/// The ids of the demo projects, one of each task kind, in the order the catalog holds them.
pub const DEMO_PROJECT_IDS: [&str; 2] = [DEMO_PODCAST, DEMO_MOMENTS];
const DEMO_PODCAST: &str = "proj_demo_podcast";
const DEMO_MOMENTS: &str = "prj_demo_moments";

pub(crate) fn demo_projects() -> Vec<Project> {
    let podcast_media = [
        (
            fixture!("proj_demo_podcast/clip_0.mp4"),
            fixture!("proj_demo_podcast/thumb_0.jpg"),
        ),
        (
            fixture!("proj_demo_podcast/clip_1.mp4"),
            fixture!("proj_demo_podcast/thumb_1.jpg"),
        ),
        (
            fixture!("proj_demo_podcast/clip_2.mp4"),
            fixture!("proj_demo_podcast/thumb_2.jpg"),
        ),
        (
            fixture!("proj_demo_podcast/clip_3.mp4"),
            fixture!("proj_demo_podcast/thumb_3.jpg"),
        ),
        (
            fixture!("proj_demo_podcast/clip_4.mp4"),
            fixture!("proj_demo_podcast/thumb_4.jpg"),
        ),
        (
            fixture!("proj_demo_podcast/clip_5.mp4"),
            fixture!("proj_demo_podcast/thumb_5.jpg"),
        ),
    ];
    let moments_media = [
        (
            fixture!("prj_demo_moments/clip_0.mp4"),
            fixture!("prj_demo_moments/thumb_0.jpg"),
        ),
        (
            fixture!("prj_demo_moments/clip_1.mp4"),
            fixture!("prj_demo_moments/thumb_1.jpg"),
        ),
        (
            fixture!("prj_demo_moments/clip_2.mp4"),
            fixture!("prj_demo_moments/thumb_2.jpg"),
        ),
    ];
    vec![
        Project {
            id: DEMO_PODCAST.to_string(),
            name: "Founders Unfiltered — Ep. 42: pricing, hiring and burnout".to_string(),
            kind: ProjectKind::AiClipping,
            clips: clips(&PODCAST_CLIPS, podcast_media),
        },
        Project {
            id: DEMO_MOMENTS.to_string(),
            name: "Nimbus X launch keynote — every battery-life moment".to_string(),
            kind: ProjectKind::FindMoments,
            clips: clips(&MOMENTS_CLIPS, moments_media),
        },
    ]
}

fn clips<const N: usize>(texts: &[ClipText; N], media: [(Bytes, Bytes); N]) -> Vec<Clip> {
    texts
        .iter()
        .zip(media)
        .map(|(text, (video, thumbnail))| Clip {
            title: text.title.to_string(),
            begin_ms: text.begin_ms,
            end_ms: text.end_ms,
            tags: text.tags.iter().map(|tag| tag.to_string()).collect(),
            desc: text.desc.to_string(),
            score: text.score,
            media: ClipMedia::Embedded(video),
            thumbnail,
        })
        .collect()
}

/// The poster used for synthetic clips, which have no picture of their own.
pub(crate) fn placeholder_thumbnail() -> Bytes {
    fixture!("proj_demo_podcast/thumb_0.jpg")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A demo project missing from the list would never be offered on the app's first screen.
    #[test]
    fn the_public_ids_name_every_demo_project() {
        let ids: Vec<String> = demo_projects().into_iter().map(|p| p.id).collect();
        assert_eq!(ids, DEMO_PROJECT_IDS);
    }
}
