// The export form: what is sent for each switch combination, the API's rules,
// the live summary, the vendor's refusal, and presets.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startBrowser, openApp, closePage, callsOf, waitForCall, openProjectByTyping, clipCard } from "./harness.js";
import { PODCAST, PROJECT_ID } from "./fixtures.js";

const T = PODCAST.clips.map((clip) => clip.title);

let env;
before(async () => (env = await startBrowser()));
after(() => env.close());

/** The app with the podcast open and clips 0 and 2 selected. */
async function ready(config = {}) {
  const page = await openApp(env, { projects: [PODCAST], ...config });
  await openProjectByTyping(page, PROJECT_ID);
  await clipCard(page, T[0]).click();
  await clipCard(page, T[2]).click();
  await page.getByRole("button", { name: "Export 2 clips" }).waitFor();
  return page;
}

const on = (page, name) => page.getByRole("switch", { name }).check();
const off = (page, name) => page.getByRole("switch", { name }).uncheck();
const same = (expected) => (args) => JSON.stringify(args.options) === JSON.stringify(expected);

const CAPTIONS = { display: "translation", style: "word-focus" };
const HOOK = { style: "humorous", position: "end", keywords: "pricing, founders", durationMs: 2500 };
const RATIO = "RATIO_9_16";

async function setCaptions(page) {
  await on(page, "Animated captions");
  await page.getByLabel("Caption lines").selectOption(CAPTIONS.display);
  await page.getByLabel("Caption style").selectOption(CAPTIONS.style);
}

async function setHook(page) {
  await on(page, "AI hook");
  await page.getByLabel("Hook style").selectOption(HOOK.style);
  await page.getByLabel("Hook position").selectOption(HOOK.position);
  await page.getByLabel("Hook keywords").fill(HOOK.keywords);
  await page.getByLabel("Hook duration (seconds)").fill("2.5");
}

async function setReframe(page) {
  await on(page, "AI reframe");
  await page.getByLabel("Aspect ratio").selectOption(RATIO);
}

for (let mask = 0; mask < 8; mask += 1) {
  const captions = Boolean(mask & 1);
  const hook = Boolean(mask & 2);
  const reframe = Boolean(mask & 4);
  const name = [captions && "captions", hook && "hook", reframe && "reframe"].filter(Boolean).join(" + ") || "no switches";

  test(`sends exactly the chosen options: ${name}`, async () => {
    const page = await ready();
    await page.getByLabel("Resolution").selectOption("FHD_1080");
    await page.getByLabel("Language").selectOption("es");
    // Fill every dependent field, then switch off what this case leaves off:
    // their values must not travel.
    await setCaptions(page);
    await setHook(page);
    await setReframe(page);
    if (!captions) await off(page, "Animated captions");
    if (!hook) await off(page, "AI hook");
    if (!reframe) await off(page, "AI reframe");
    assert.equal(await page.getByLabel("Caption lines").isVisible(), captions);
    assert.equal(await page.getByLabel("Hook keywords").isVisible(), hook);
    assert.equal(await page.getByLabel("Aspect ratio").isVisible(), reframe);

    const expected = {
      resolution: "FHD_1080",
      targetLang: "es",
      captions: captions ? CAPTIONS : null,
      hook: hook ? HOOK : null,
      reframe: reframe ? RATIO : null,
    };
    const preview = await waitForCall(page, "export_preview", same(expected));
    assert.deepEqual(preview.args, { projectId: PROJECT_ID, clips: [0, 2], options: expected });

    await page.getByRole("button", { name: "Export 2 clips" }).click();
    const submit = await waitForCall(page, "export_submit");
    assert.deepEqual(submit.args, { projectId: PROJECT_ID, projectName: PODCAST.name, clips: [0, 2], options: expected });
    await closePage(page);
  });
}

test("dependent fields appear only while their switch is on", async () => {
  const page = await ready();
  for (const [name, field] of [["Animated captions", "Caption style"], ["AI hook", "Hook style"], ["AI reframe", "Aspect ratio"]]) {
    assert.equal(await page.getByLabel(field).isVisible(), false, `${field} hidden`);
    await on(page, name);
    assert.ok(await page.getByLabel(field).isVisible(), `${field} shown`);
    await off(page, name);
    assert.equal(await page.getByLabel(field).isVisible(), false, `${field} hidden again`);
  }
  await closePage(page);
});

test("switches on with defaults send nulls for the vendor's defaults", async () => {
  const page = await ready();
  await on(page, "Animated captions");
  await on(page, "AI hook");
  const expected = {
    resolution: "SD_480",
    targetLang: null,
    captions: { display: "original", style: null },
    hook: { style: null, position: null, keywords: null, durationMs: null },
    reframe: null,
  };
  await waitForCall(page, "export_preview", same(expected));
  await closePage(page);
});

const NO_RATIO = "AI reframe needs a ratio (9:16, 1:1, 4:5 or 16:9).";

// The shell refuses it (the mock answers as ExportOptions::to_request does, naming
// the option `reframe`); the page puts that verdict beside the ratio picker.
test("reframe without a ratio is refused by the shell, which says why next to the field", async () => {
  const page = await ready();
  await on(page, "AI reframe");
  await page.getByText(`Not ready: ${NO_RATIO}`).waitFor();
  await page.getByRole("button", { name: "Export 2 clips" }).click();
  await page.getByText(`Not sent. ${NO_RATIO}`).waitFor();
  const ratio = page.getByLabel("Aspect ratio");
  assert.equal(await ratio.getAttribute("aria-invalid"), "");
  assert.ok(await ratio.evaluate((el) => el === document.activeElement), "focus moves to the ratio");
  await page.locator("#ratio-error", { hasText: NO_RATIO }).waitFor();
  assert.equal((await callsOf(page, "export_submit")).length, 1, "sent once, and refused");

  await ratio.selectOption("RATIO_1_1");
  await waitForCall(page, "export_preview", (args) => args.options.reframe === "RATIO_1_1");
  assert.equal(await page.locator("#ratio-error").isVisible(), false);
  await closePage(page);
});

test("hook seconds must be a positive number and travel as milliseconds", async () => {
  const page = await ready();
  await on(page, "AI hook");
  const seconds = page.getByLabel("Hook duration (seconds)");
  await seconds.fill("-2");
  await page.getByText("Enter the hook duration in seconds, above zero, e.g. 3 or 2.5.").first().waitFor();
  await page.getByRole("button", { name: "Export 2 clips" }).click();
  assert.equal((await callsOf(page, "export_submit")).length, 0);
  await seconds.fill("4");
  await waitForCall(page, "export_preview", (args) => args.options.hook?.durationMs === 4000);
  await closePage(page);
});

test("a custom caption style id is sent as typed, and a malformed one is refused", async () => {
  const page = await ready();
  await on(page, "Animated captions");
  await page.getByLabel("Caption style").selectOption({ label: "Custom style id…" });
  const custom = page.getByLabel("Custom style id");
  await custom.fill("Brand Style");
  await page.getByText("\"Brand Style\" is not a caption style id: use lowercase letters, digits and dashes").first().waitFor();
  assert.equal(await custom.getAttribute("aria-invalid"), "");
  await custom.fill("brand-style-2");
  await waitForCall(page, "export_preview", (args) => args.options.captions?.style === "brand-style-2");
  await closePage(page);
});

test("the live summary and the both-captions warning come from the preview", async () => {
  const page = await ready();
  await page.getByText("2 clips of Founders podcast, episode 12 · 480p").waitFor();
  await on(page, "Animated captions");
  await page.getByLabel("Caption lines").selectOption("both");
  await page.getByLabel("Caption style").selectOption("word-focus");
  const warning = page.getByText("Showing both caption lines works reliably only with a temp-static-* style; word-focus may render one line only.");
  await warning.waitFor();
  await page.getByText("2 clips of Founders podcast, episode 12 · 480p · captions: both, style word-focus").waitFor();
  await page.getByLabel("Caption style").selectOption("temp-static-2");
  await warning.waitFor({ state: "detached" });
  await page.getByText("Request body").click();
  assert.match(await page.locator("#export-body").innerText(), /"cc_style_tpl": "temp-static-2"/);
  await closePage(page);
});

test("the vendor's 400 message is shown next to the form", async () => {
  const page = await ready({
    failures: { export_submit: { kind: "invalid_request", message: "caption_display 'translation' requires target_lang." } },
  });
  await page.getByRole("button", { name: "Export 2 clips" }).click();
  const alert = page.locator("#export-form").getByRole("alert");
  await alert.getByText("The export was refused: caption_display 'translation' requires target_lang.").waitFor();
  assert.match(await alert.innerText(), /Change the setting it names, then export again\./);
  assert.ok(await page.getByRole("heading", { name: "Export", exact: true }).isVisible(), "still on the form");
  await closePage(page);
});

test("an export whose answer never came says to check before sending again", async () => {
  const unknown = "The export was sent but its answer never came (connection reset). It may have been accepted and charged: check the export's status before exporting again.";
  const page = await ready({ failures: { export_submit: { kind: "submit_unknown", message: unknown } } });
  const listed = (await callsOf(page, "exports_list")).length;
  await page.getByRole("button", { name: "Export 2 clips" }).click();
  await page.getByText(unknown, { exact: false }).waitFor();
  await waitForCall(page, "exports_list", () => true);
  assert.ok((await callsOf(page, "exports_list")).length > listed, "the history is refreshed");
  await page.getByRole("button", { name: "Show exports" }).click();
  await page.getByRole("heading", { name: "Exports", exact: true }).waitFor();
  await closePage(page);
});

test("nothing is sent without a selected clip", async () => {
  const page = await ready();
  await page.getByRole("button", { name: "Select none" }).click();
  await page.getByText("Nothing to send yet: select the clips to export.").waitFor();
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await page.getByText("Not sent. Select at least one clip in the grid first.").waitFor();
  assert.equal((await callsOf(page, "export_submit")).length, 0);
  await closePage(page);
});

test("presets: save, apply and delete", async () => {
  const page = await ready();
  await setReframe(page);
  await page.getByLabel("Resolution").selectOption("HD_720");
  await page.getByLabel("Preset name").fill("Shorts 9:16");
  await page.getByRole("button", { name: "Save preset" }).click();
  await page.getByText("Saved the preset “Shorts 9:16”.").waitFor();
  const saved = { resolution: "HD_720", targetLang: null, captions: null, hook: null, reframe: RATIO };
  assert.deepEqual((await callsOf(page, "preset_save")).map((c) => c.args), [{ name: "Shorts 9:16", options: saved }]);

  await off(page, "AI reframe");
  await page.getByLabel("Resolution").selectOption("UHD_4K");
  await page.getByLabel("Preset", { exact: true }).selectOption("Shorts 9:16");
  await page.getByRole("button", { name: "Apply" }).click();
  assert.ok(await page.getByRole("switch", { name: "AI reframe" }).isChecked());
  assert.equal(await page.getByLabel("Aspect ratio").inputValue(), RATIO);
  await waitForCall(page, "export_preview", same(saved));

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByText("Deleted the preset “Shorts 9:16”.").waitFor();
  assert.deepEqual((await callsOf(page, "preset_delete")).map((c) => c.args), [{ name: "Shorts 9:16" }]);
  assert.equal(await page.getByLabel("Preset", { exact: true }).inputValue(), "");
  await page.getByRole("option", { name: "No presets yet" }).waitFor({ state: "attached" });
  await closePage(page);
});

test("a preset cannot be saved from options the API would refuse", async () => {
  const page = await ready();
  await on(page, "AI reframe");
  await page.getByLabel("Preset name").fill("Broken");
  await page.getByRole("button", { name: "Save preset" }).click();
  await page.getByText(`Not saved: ${NO_RATIO}`).waitFor();
  await page.locator("#ratio-error", { hasText: NO_RATIO }).waitFor();
  assert.equal((await callsOf(page, "preset_save")).length, 1, "sent once, and refused");
  await page.getByRole("option", { name: "No presets yet" }).waitFor({ state: "attached" });
  await closePage(page);
});
