// The stand-in backend against the shell's real answers: `contract.js` holds the fields of
// each answer as the shell gave them (written by src-tauri/tests/shell/ui_contract.rs). The
// stand-in may send no field the shell does not, and must send every field at the top of an
// answer, so a page test cannot pass on a field the shell never sends. The fixtures the
// tests build exports, downloads and projects from (and the events that carry them) are
// held to the same fields.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startBrowser, openApp, closePage } from "./harness.js";
import { PODCAST, PROJECT_ID, exportView, download } from "./fixtures.js";
import { SHELL_FIELDS } from "./contract.js";

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

/** How `answer` and the shell's `fields` for it disagree, as sentences. */
function disagreement(what, answer, fields) {
  const shell = new Set(fields);
  const mock = fieldPaths(answer);
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

test("the stand-in backend answers with the shell's fields and no others", async () => {
  const finished = exportView({
    status: "SUCCEEDED",
    phase: "done",
    request: { project_id: PROJECT_ID, resolution: "HD_720" },
    downloads: [download({ state: "done", bytesDone: 10, total: 10, url: "clip://localhost/live/31" })],
    timelines: [{ format: "fcpxml", label: "Final Cut Pro XML", name: "Podcast - timeline.fcpxml" }],
  });
  const page = await openApp(env, { projects: [PODCAST], exports: [finished], presets: [] });
  const answers = await page.evaluate(async (projectId) => {
    const { invoke } = await import("/js/ipc.js");
    const options = { resolution: "HD_720", reframe: "RATIO_9_16", captions: { display: "both", style: "temp-static-1" } };
    const asked = {};
    asked.project_open = await invoke("project_open", { input: projectId });
    asked.export_preview = await invoke("export_preview", { projectId, clips: [0], options });
    asked.timeline_write = await invoke("timeline_write", { exportId: 7, format: "fcpxml" });
    asked.project_create = await invoke("project_create", { input: { link: "https://www.youtube.com/watch?v=talk", moments: "laughs" } });
    asked.preset_save = await invoke("preset_save", { name: "Reels", options });
    for (const cmd of ["app_info", "key_status", "settings_get", "demo_projects", "recent_projects", "presets_list", "exports_list", "creations_list"]) {
      asked[cmd] = await invoke(cmd, {});
    }
    asked.name_preview = await invoke("name_preview", { template: "{idx:02} {title}", projectId, idx: 0 });
    return asked;
  }, PROJECT_ID);
  // The demo's projects are listed in demo mode only.
  const demo = await openApp(env, { projects: [PODCAST], demo: true });
  answers.demo_projects = await demo.evaluate(async () => (await import("/js/ipc.js")).invoke("demo_projects"));
  answers.demo_enter = await demo.evaluate(async () => (await import("/js/ipc.js")).invoke("demo_enter"));
  await closePage(demo);

  const disagreements = [];
  for (const [cmd, fields] of Object.entries(SHELL_FIELDS)) {
    assert.ok(cmd in answers, `the test asks the stand-in for ${cmd}`);
    disagreements.push(...disagreement(cmd, answers[cmd], fields));
  }
  assert.deepEqual(disagreements, []);
  await closePage(page);
});
