// Data the mock backend starts with. Shapes follow docs/IPC.md.

export const PROJECT_ID = "proj_8Fq2kLm";

/** Six clips whose score, position and duration orders all differ, one with nothing known. */
export const PODCAST = {
  projectId: PROJECT_ID,
  kind: "ai_clipping",
  name: "Founders podcast, episode 12",
  sourceDurationMs: 3_600_000,
  clips: [
    clip(0, "Why pricing is a product decision", 1_200_000, 62_000, 94, ["pricing", "strategy"], "Pricing as the product's sharpest edge."),
    clip(1, "The first hundred customers", 300_000, 45_000, 88, ["growth"], "Doing things that do not scale, in practice."),
    clip(2, "Hiring before product-market fit", 2_400_000, 90_000, 81, ["hiring", "strategy"], "Who to hire first, and who to wait for."),
    clip(3, "A failed launch, told honestly", 60_000, 30_000, 77, ["story"], "What went wrong on launch day."),
    clip(4, "Fundraising in a down market", 3_000_000, 120_000, 70, ["fundraising"], "Raising when nobody is writing cheques."),
    { idx: 5, title: "What we would do differently", beginMs: null, endMs: null, durationMs: null, score: null, tags: [], desc: "", thumbnail: null },
  ],
};

function clip(idx, title, beginMs, durationMs, score, tags, desc) {
  return { idx, title, beginMs, endMs: beginMs + durationMs, durationMs, score, tags, desc, thumbnail: `/test-media/thumb/${idx}.svg` };
}

/** A long source cut into `count` clips, for the rendering benchmark. */
export function bigProject(count) {
  const clips = Array.from({ length: count }, (_, idx) => ({
    idx,
    title: `Moment ${idx + 1}: a line worth sharing`,
    beginMs: idx * 20_000,
    endMs: idx * 20_000 + 15_000 + (idx % 7) * 4_000,
    durationMs: 15_000 + (idx % 7) * 4_000,
    score: 99 - (idx % 60),
    tags: [["insight", "story", "advice", "humour"][idx % 4], `topic-${idx % 9}`],
    desc: "A speaker makes a point clearly enough to stand on its own as a short clip.",
    thumbnail: `/test-media/thumb/${idx}.svg`,
  }));
  return { projectId: "proj_Big500", kind: "find_moments", name: "Conference day 2, all talks", sourceDurationMs: count * 20_000 + 40_000, clips };
}

export const HOUR = 3_600_000;

/** An ExportView with sensible defaults; `over` replaces any field. */
export function exportView(over = {}) {
  return {
    id: 7,
    taskId: "export_task_xyz789",
    projectId: PROJECT_ID,
    projectName: PODCAST.name,
    name: "sample export task",
    status: "ONGOING",
    costUsage: 48,
    expireAt: Date.now() + 2 * 24 * HOUR + 5 * 60_000,
    createdAt: Date.now() - 10 * 60_000,
    requestedClips: [0, 2],
    request: null,
    options: {
      resolution: "FHD_1080",
      targetLang: "es",
      captions: { display: "both", style: "temp-static-2" },
      hook: { style: "humorous", position: "end", keywords: "pricing", durationMs: 2500 },
      reframe: "RATIO_9_16",
    },
    problem: null,
    phase: "rendering",
    downloads: [],
    timelines: [],
    ...over,
  };
}

export function download(over = {}) {
  return {
    id: 31,
    exportId: 7,
    idx: 0,
    fileName: "Founders podcast, episode 12 - 00 - Why pricing is a product decision.mp4",
    state: "waiting",
    bytesDone: 0,
    total: null,
    errorKind: null,
    error: null,
    url: null,
    ...over,
  };
}

// The events `exports_watch` carries (docs/IPC.md, `Event`); `over` replaces any field.

export function exportUpdated(view = exportView()) {
  return { type: "export_updated", export: view };
}

export function downloadProgress(over = {}) {
  return { type: "download_progress", downloadId: 31, exportId: 7, idx: 0, bytesDone: 0, total: null, bytesPerSec: 0, etaSecs: null, ...over };
}

export function downloadChanged(over = {}) {
  return { type: "download_changed", download: download(over) };
}

export function pollFailed(over = {}) {
  return { type: "poll_failed", exportId: 7, kind: "network", message: "The API could not be reached.", ...over };
}

export function creationUpdated(creation) {
  return { type: "creation_updated", creation };
}

export function uploadProgress(over = {}) {
  return { type: "upload_progress", creationId: 1, bytesDone: 0, total: 1, bytesPerSec: 0, etaSecs: null, ...over };
}

export function videoDropped(name) {
  return { type: "video_dropped", name };
}

/** Clips a Find Moments project has found so far, best first, as a creation lists them. */
export const FOUND = [
  { idx: 1, title: "The big laugh", score: 95, durationMs: 42_000 },
  { idx: 0, title: "A smaller one", score: 71.6, durationMs: 65_000 },
];
