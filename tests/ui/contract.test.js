// The stand-in backend against the shell's real answers and events: `contract.js` holds the
// fields of each answer and each event as the shell gave them (written by
// src-tauri/tests/shell/ui_contract.rs). The stand-in may send no field the shell does not,
// and must send every field at the top of an answer or event, so a page test cannot pass on
// a field the shell never sends. The fixtures the tests build exports, downloads, projects
// and events from are held to the same fields.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { startBrowser, openApp, closePage } from "./harness.js";
import {
  PODCAST,
  PROJECT_ID,
  FOUND,
  exportView,
  download,
  exportUpdated,
  downloadProgress,
  downloadChanged,
  pollFailed,
  creationUpdated,
  uploadProgress,
  videoDropped,
} from "./fixtures.js";
import { RECORDED, RECORDED_PROJECT } from "./recorded.js";
import { SHELL_FIELDS, SHELL_EVENT_FIELDS } from "./contract.js";

let env;
before(async () => (env = await startBrowser()));
after(() => env.close());

/** Each field of `value` as a path, as the shell's side writes them. */
function fieldPaths(value, prefix = "", depth = 0, out = new Set()) {
  if (Array.isArray(value)) {
    for (const item of value) fieldPaths(item, `${prefix}[]`, depth, out);
  } else if (value && typeof value === "object" && depth < 3) {
    for (const [name, field] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${name}` : name;
      out.add(path);
      fieldPaths(field, path, depth + 1, out);
    }
  }
  return out;
}

/** Whether the shell's answer had nothing below an ancestor of `path` (null or empty there). */
function unknownBelow(path, shell) {
  for (let end = path.length; end > 0; end--) {
    const ancestor = path.slice(0, end);
    if (!/[\].]$/.test(path.slice(0, end + 1)) && end !== path.length) continue;
    if (ancestor === path || !shell.has(ancestor)) continue;
    const below = [...shell].some((other) => other.startsWith(`${ancestor}.`) || other.startsWith(`${ancestor}[]`));
    if (!below) return true;
  }
  return false;
}

const isTop = (path) => !/[.[]/.test(path.replace(/^\[\]\./, ""));

/** How `answers` (one or more of a command, or events of a type) and the shell's `fields` for them disagree, as sentences. */
function disagreement(what, answers, fields) {
  const shell = new Set(fields);
  const mock = new Set([answers].flat(1).flatMap((answer) => [...fieldPaths(answer)]));
  const extra = [...mock].filter((path) => !shell.has(path) && !unknownBelow(path, shell));
  const missing = [...shell].filter((path) => isTop(path) && !mock.has(path));
  return [
    ...(extra.length ? [`${what} sends what the shell does not: ${extra.join(", ")}`] : []),
    ...(missing.length ? [`${what} lacks what the shell sends: ${missing.join(", ")}`] : []),
  ];
}

/** The shell's paths below `prefix` (`[].downloads[].`), as paths of one such value. */
function below(fields, prefix) {
  return fields.filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length));
}

test("the fixtures the page tests build exports, downloads and projects from have the shell's fields", () => {
  const problems = [
    ...disagreement("exportView()", exportView(), below(SHELL_FIELDS.exports_list, "[].")),
    ...disagreement("download()", download(), below(SHELL_FIELDS.exports_list, "[].downloads[].")),
    ...disagreement("PODCAST", PODCAST, SHELL_FIELDS.project_open),
  ];
  assert.deepEqual(problems, []);
});

const OPTIONS = { resolution: "HD_720", reframe: "RATIO_9_16", captions: { display: "both", style: "temp-static-1" } };

/** What the test asks the stand-in, in order, as the shell's test asks the shell: [cmd, args]. */
function questions(projectId) {
  return [
    ["project_open", { input: projectId }],
    ["export_preview", { projectId, clips: [0], options: OPTIONS }],
    ["export_submit", { projectId, projectName: null, clips: [0], options: OPTIONS }],
    ["timeline_write", { exportId: 7, format: "fcpxml" }],
    ["selects_write", { projectId, clips: null }],
    ["project_create", { input: { link: "https://www.youtube.com/watch?v=talk", moments: "laughs" } }],
    ["project_create", { input: { dropped: true, moments: "the laughs" } }],
    // The stand-in numbers creations from 1.
    ["creation_cancel", { id: 1 }],
    ["download_reveal", { downloadId: 31 }],
    ["download_open", { downloadId: 31 }],
    ["preset_save", { name: "Reels", options: OPTIONS }],
    ["preset_save", { name: "Square", options: {} }],
    ["preset_delete", { name: "Square" }],
    ["settings_set", { patch: { nameTemplate: "{idx:02} {title}" } }],
    ["settings_choose_folder", {}],
    ["update_check", { automatic: false }],
    ...["app_info", "key_status", "settings_get", "demo_projects", "recent_projects", "presets_list", "exports_list", "creations_list"].map((cmd) => [cmd, {}]),
    ["name_preview", { template: "{idx:02} {title}", projectId, idx: 0 }],
    ["key_save", { key: "wv_live_0123456789abcdef", sessionOnly: true }],
    ["key_verify", {}],
    ["key_delete", {}],
  ];
}

/** Asks the page's IPC each of `asked` in turn; the answers by command. */
function ask(page, asked) {
  return page.evaluate(async (asked) => {
    const { invoke } = await import("/js/ipc.js");
    const answers = {};
    for (const [cmd, args] of asked) (answers[cmd] ??= []).push(await invoke(cmd, args));
    return answers;
  }, asked);
}

test("the stand-in backend answers every command with the shell's fields and no others", async () => {
  const finished = exportView({
    status: "SUCCEEDED",
    phase: "done",
    request: { project_id: PROJECT_ID, resolution: "HD_720" },
    downloads: [download({ state: "done", bytesDone: 10, total: 10, url: "clip://localhost/live/31" })],
    timelines: [{ format: "fcpxml", label: "Final Cut Pro XML", name: "Podcast - timeline.fcpxml" }],
  });
  const page = await openApp(env, {
    projects: [PODCAST],
    exports: [finished],
    presets: [],
    sourceVideo: "/home/editor/Videos/full episode.mp4",
    droppedVideo: "interview.mov",
    chooseFolder: "/home/editor/Clips",
  });
  const answers = await ask(page, questions(PROJECT_ID));
  await closePage(page);
  // The demo's projects are listed in demo mode only.
  const demo = await openApp(env, { projects: [PODCAST], demo: true });
  Object.assign(answers, await ask(demo, [["demo_projects", {}], ["demo_enter", {}], ["demo_leave", {}]]));
  await closePage(demo);

  const disagreements = [];
  for (const [cmd, fields] of Object.entries(SHELL_FIELDS)) {
    assert.ok(cmd in answers, `the test asks the stand-in for ${cmd}`);
    disagreements.push(...disagreement(cmd, answers[cmd], fields));
  }
  assert.deepEqual(disagreements, []);
});

test("the events the stand-in sends and the fixtures build have the shell's fields", async () => {
  const page = await openApp(env, { projects: [PODCAST], exports: [exportView({ downloads: [download()] })] });
  const sent = await page.evaluate(async () => {
    const { invoke, channel } = await import("/js/ipc.js");
    const heard = [];
    await invoke("exports_watch", { onEvent: channel((event) => heard.push(event)) });
    await invoke("download_cancel", { downloadId: 31 });
    await invoke("download_retry", { downloadId: 31 });
    const { creation } = await invoke("project_create", { input: { link: "https://www.youtube.com/watch?v=talk", moments: "laughs" } });
    await invoke("creation_cancel", { id: creation.id });
    return heard;
  });
  await closePage(page);
  const creation = sent.find((event) => event.type === "creation_updated")?.creation;
  assert.ok(creation, "cancelling a creation tells the window");
  const built = [
    exportUpdated(exportView({ downloads: [download({ state: "done", bytesDone: 10, total: 10, url: "clip://localhost/live/31" })] })),
    downloadProgress({ total: 27_300_000, etaSecs: 7.3 }),
    downloadChanged({ state: "failed", errorKind: "network", error: "The connection dropped." }),
    pollFailed(),
    creationUpdated({ ...creation, state: "running", projectId: PROJECT_ID, clipsFound: FOUND.length, found: FOUND }),
    uploadProgress({ etaSecs: 6 }),
    videoDropped("interview.mov"),
  ];
  const events = [...sent, ...built];

  const unknown = events.filter((event) => !(event.type in SHELL_EVENT_FIELDS)).map((event) => event.type);
  assert.deepEqual(unknown, [], "every event is of a type the shell sends");
  const disagreements = [];
  for (const [type, fields] of Object.entries(SHELL_EVENT_FIELDS)) {
    const ofType = events.filter((event) => event.type === type);
    assert.ok(ofType.length > 0, `the test holds a ${type} event`);
    disagreements.push(...disagreement(`${type} event`, ofType, fields));
  }
  assert.deepEqual(disagreements, []);
});

test("the stand-in backend previews exports and names as the shell does, to the letter", async () => {
  const page = await openApp(env, { projects: [RECORDED_PROJECT] });
  const replies = await page.evaluate(async (recorded) => {
    const { invoke } = await import("/js/ipc.js");
    const out = [];
    for (const { cmd, args } of recorded) {
      try {
        out.push({ cmd, args, answer: await invoke(cmd, args) });
      } catch (err) {
        out.push({ cmd, args, error: { kind: err.kind, message: err.message, ...(err.field ? { field: err.field } : {}) } });
      }
    }
    return out;
  }, RECORDED);
  const differing = replies
    .map((reply, i) => ({ reply, shell: RECORDED[i] }))
    .filter(({ reply, shell }) => !isDeepStrictEqual(reply, shell))
    .map(({ reply, shell }) => `${shell.cmd} ${JSON.stringify(shell.args)}\n  shell: ${JSON.stringify(shell.answer ?? shell.error)}\n  stand-in: ${JSON.stringify(reply.answer ?? reply.error)}`);
  assert.deepEqual(differing, []);
  await closePage(page);
});
