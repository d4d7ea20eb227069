// The page's pure modules, in Node without a browser: the form's API rules,
// number formatting, selection and ordering.

import { test } from "node:test";
import assert from "node:assert/strict";
import { buildOptions, fieldOfOption, formFromOptions, secondsToMs, DEFAULT_FORM, CUSTOM_STYLE } from "../../ui/js/options.js";
import { formatBytes, formatEta, formatSpeed, formatDuration, formatExpiry, formatCost } from "../../ui/js/format.js";
import { Selection } from "../../ui/js/selection.js";
import { sortedIndices, matches, tagCounts } from "../../ui/js/clip-order.js";
import { PODCAST } from "./fixtures.js";
import { PHASE_BADGES } from "../../ui/js/phases.js";
import { CATALOG } from "./catalog.js";

test("switches off: only resolution and language are sent", () => {
  const { options, errors } = buildOptions({ ...DEFAULT_FORM, resolution: "HD_720", captionDisplay: "both", hookSeconds: "9", ratio: "RATIO_1_1" });
  assert.deepEqual(errors, {});
  assert.deepEqual(options, { resolution: "HD_720", targetLang: null, captions: null, hook: null, reframe: null });
  // No resolution chosen: none is sent, and the shell uses the API's default.
  const unchosen = JSON.parse(JSON.stringify(buildOptions(DEFAULT_FORM).options));
  assert.equal("resolution" in unchosen, false);
});

test("hook seconds become milliseconds; empty means the vendor default", () => {
  assert.deepEqual(secondsToMs("2.5"), { ms: 2500 });
  assert.deepEqual(secondsToMs("3,25"), { ms: 3250 });
  assert.deepEqual(secondsToMs(""), { ms: null });
  for (const bad of ["0", "-1", "abc", "0.0001"]) assert.ok(secondsToMs(bad).error, bad);
});

// The API's rules are the shell's: the form sends what was chosen, and only an
// untyped custom id (a state of the form itself) stops it here.
test("reframe with no ratio and a custom style travel as chosen, for the shell to judge", () => {
  const reframe = buildOptions({ ...DEFAULT_FORM, reframeOn: true });
  assert.deepEqual(reframe.errors, {});
  assert.equal(reframe.options.reframe, "");
  const custom = buildOptions({ ...DEFAULT_FORM, captionsOn: true, captionStyle: CUSTOM_STYLE, customStyle: " Temp 7 " });
  assert.equal(custom.options.captions.style, "Temp 7");
  const untyped = buildOptions({ ...DEFAULT_FORM, captionsOn: true, captionStyle: CUSTOM_STYLE, customStyle: " " });
  assert.equal(untyped.options, null);
  assert.match(untyped.errors.customStyle, /Type the style id/);
});

test("the shell's verdict lands beside the field it names", () => {
  assert.equal(fieldOfOption("reframe", DEFAULT_FORM), "ratio");
  assert.equal(fieldOfOption("hook.durationMs", DEFAULT_FORM), "hookSeconds");
  assert.equal(fieldOfOption("captions.style", { ...DEFAULT_FORM, captionStyle: CUSTOM_STYLE }), "customStyle");
  assert.equal(fieldOfOption("captions.style", { ...DEFAULT_FORM, captionStyle: "temp-7" }), "captionStyle");
  assert.equal(fieldOfOption("clips", DEFAULT_FORM), null);
});

test("options survive a round trip through the form", () => {
  const options = {
    resolution: "UHD_4K",
    targetLang: "fr",
    captions: { display: "translation", style: "my-brand-style" },
    hook: { style: "calm", position: "end", keywords: "founders", durationMs: 1500 },
    reframe: "RATIO_4_5",
  };
  const form = formFromOptions(options, ["temp-7", "word-focus"]);
  assert.equal(form.captionStyle, CUSTOM_STYLE);
  assert.equal(form.hookSeconds, "1.5");
  assert.deepEqual(buildOptions(form).options, options);
});

test("sizes, speeds and times left read naturally", () => {
  assert.equal(formatBytes(999), "999 B");
  assert.equal(formatBytes(12_345_678), "12.3 MB");
  assert.equal(formatSpeed(2_100_000), "2.1 MB/s");
  assert.equal(formatSpeed(0), null);
  assert.equal(formatEta(12), "12 s left");
  assert.equal(formatEta(185), "3 min 5 s left");
  assert.equal(formatEta(3900), "1 h 5 min left");
  assert.equal(formatEta(null), "working out the time left");
  assert.equal(formatDuration(62_000), "1:02");
  assert.equal(formatDuration(3_723_000), "1:02:03");
  assert.equal(formatCost(48), "48 API units");
  const now = 1_000_000_000;
  assert.equal(formatExpiry(now + 2 * 86_400_000 + 3 * 3_600_000, now), "Results expire in 2 days 3 h");
  assert.match(formatExpiry(now - 1, now), /^Results expired/);
});

test("selection: toggle, Shift ranges in shown order, replace", () => {
  const selection = new Selection();
  const shown = [3, 1, 0, 2, 4];
  selection.toggle(1);
  assert.deepEqual(selection.extendTo(2, shown).sort(), [0, 2]);
  assert.deepEqual(selection.sorted(), [0, 1, 2]);
  assert.deepEqual(selection.replace([4]).sort(), [0, 1, 2, 4]);
  assert.deepEqual(selection.sorted(), [4]);
});

test("ordering and filtering keep unknown values last", () => {
  assert.deepEqual(sortedIndices(PODCAST.clips, "score"), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(sortedIndices(PODCAST.clips, "position"), [3, 1, 0, 2, 4, 5]);
  assert.deepEqual(sortedIndices(PODCAST.clips, "duration"), [4, 2, 0, 1, 3, 5]);
  assert.ok(matches(PODCAST.clips[0], "PRICING", ""));
  assert.ok(!matches(PODCAST.clips[1], "", "strategy"));
  assert.deepEqual(tagCounts(PODCAST.clips)[0], { tag: "strategy", count: 2 });
});

test("an error that already says what to do is not followed by the same advice in other words", async () => {
  const { explain } = await import("../../ui/js/errors.js");
  const said = [
    ["network", "Could not reach the WayinVideo service (connection refused). Check your connection and try again."],
    ["key_rejected", "The API key was rejected (HTTP 403). Check the key in Settings, or create a new one in your WayinVideo account."],
    ["rate_limited", "WayinVideo's rate limit was reached (15 requests a minute, 5 projects at once). Try again in 20 s."],
    ["server_error", "The WayinVideo service failed (HTTP 503). Try again in a few minutes."],
    ["folder", "The download folder /mnt/usb cannot be used: it is not writable. Choose another folder."],
    ["keychain_unavailable", "No system keychain is available (no Secret Service). The key can be used for this session only."],
    ["key_missing", "No API key is set. Paste your WayinVideo API key to continue."],
  ];
  for (const [kind, message] of said) assert.equal(explain({ kind, message }), message, kind);
  // A message that only states the problem still gets the next step.
  assert.equal(
    explain({ kind: "invalid_request", message: "The API refused the request: ratio is required" }),
    "The API refused the request: ratio is required. Change the settings mentioned above, then export again.",
  );
});

test("every phase the shell reports has a badge, and no badge names a phase it does not", () => {
  assert.deepEqual(Object.keys(PHASE_BADGES).sort(), [...CATALOG.phases].sort());
});

test("every error kind the page or its mock names is one the shell sends", async () => {
  const { readFile, readdir } = await import("node:fs/promises");
  const { NEXT_STEP, RETRYABLE } = await import("../../ui/js/errors.js");
  const sent = new Set(CATALOG.errorKinds);
  const named = new Map();
  const note = (kind, where) => named.set(kind, [...(named.get(kind) ?? []), where]);
  const uiDir = new URL("../../ui/js/", import.meta.url);
  const files = (await readdir(uiDir, { recursive: true })).filter((name) => name.endsWith(".js"));
  for (const name of files) {
    const source = await readFile(new URL(name, uiDir), "utf8");
    for (const [, kind] of source.matchAll(/(?<!typeof )\berr\??\.kind\s*[!=]==\s*"([a-z_]+)"/g)) note(kind, name);
  }
  const mock = await readFile(new URL("./mock-ipc.js", import.meta.url), "utf8");
  for (const [, kind] of mock.matchAll(/new IpcError\(\s*"([a-z_]+)"/g)) note(kind, "mock-ipc.js");
  for (const kind of Object.keys(NEXT_STEP)) note(kind, "errors.js NEXT_STEP");
  for (const kind of RETRYABLE) note(kind, "errors.js RETRYABLE");
  assert.ok(named.size >= 10, `the scan found the page's kinds: ${[...named.keys()]}`);
  // `no_backend` is the page's own, raised when it runs outside the app.
  const unknown = [...named].filter(([kind]) => !sent.has(kind) && kind !== "no_backend");
  assert.deepEqual(unknown, [], "kinds no command sends");
});

test("a shared fact changes through its owner, which announces it; an unknown one is refused", async () => {
  const { app, setShared } = await import("../../ui/js/state.js");
  const { on } = await import("../../ui/js/bus.js");
  const { TOPICS } = await import("../../ui/js/topics.js");
  const heard = [];
  const stop = on(TOPICS.keyChanged, (status) => heard.push(status));
  setShared("keyStatus", { set: true, last4: "7f3a" });
  stop();
  assert.deepEqual(heard, [{ set: true, last4: "7f3a" }]);
  assert.equal(app.keyStatus.last4, "7f3a");
  assert.throws(() => setShared("keyStatuss", {}), /no shared fact keyStatuss/);
});

test("only the newest of overlapping requests may show its answer", () => {
  return import("../../ui/js/latest.js").then(({ latestAnswer }) => {
    const previews = latestAnswer();
    const first = previews.begin();
    const second = previews.begin();
    assert.equal(first(), false, "an answer overtaken by a newer request is dropped");
    assert.equal(second(), true);
  });
});

test("every topic is named once, and each is both sent and heard", async () => {
  const { readFile, readdir } = await import("node:fs/promises");
  const { TOPICS } = await import("../../ui/js/topics.js");
  const uiDir = new URL("../../ui/js/", import.meta.url);
  const files = (await readdir(uiDir, { recursive: true })).filter((name) => name.endsWith(".js"));
  let sources = "";
  for (const name of files) {
    const source = await readFile(new URL(name, uiDir), "utf8");
    assert.doesNotMatch(source, /\b(emit|on)\(\s*["'`]/, `${name} names a topic by a bare string`);
    sources += source;
  }
  for (const name of Object.keys(TOPICS)) {
    const heard = new RegExp(`\\bon\\(TOPICS\\.${name}\\b`).test(sources);
    const sent = new RegExp(`(emit\\(TOPICS\\.${name}\\b|: TOPICS\\.${name}\\b)`).test(sources);
    assert.ok(heard, `nobody hears TOPICS.${name}`);
    assert.ok(sent, `nobody sends TOPICS.${name}`);
  }
  assert.equal(new Set(Object.values(TOPICS)).size, Object.keys(TOPICS).length, "two names for one topic");
});
