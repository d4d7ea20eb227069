// Settings: folder dialog, file-name template with a live example, saving,
// and replacing or deleting the key.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startBrowser, openApp, closePage, callsOf, waitForCall, openProjectByTyping, clipCard } from "./harness.js";
import { PODCAST, PROJECT_ID } from "./fixtures.js";
import { CATALOG } from "./catalog.js";

let env;
before(async () => (env = await startBrowser()));
after(() => env.close());

async function openSettings(page) {
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  await page.getByRole("heading", { name: "Settings", exact: true }).waitFor();
}

test("Settings say which version and commit the app was built from", async () => {
  const page = await openApp(env);
  await openSettings(page);
  await page.getByRole("heading", { name: "About and updates" }).waitFor();
  await page.getByText("Wayin Clip Exporter 0.3.0, built from commit 0123456789ab.").waitFor();
  await closePage(page);
});

test("the download folder is chosen through the shell's dialog", async () => {
  const page = await openApp(env, { chooseFolder: "/home/editor/Edits/Podcast" });
  await openSettings(page);
  await page.getByText("/home/editor/Videos/Wayin").waitFor();
  await page.getByRole("button", { name: "Choose folder…" }).click();
  await page.getByText("/home/editor/Edits/Podcast", { exact: true }).waitFor();
  await page.getByText("Downloads now go to /home/editor/Edits/Podcast.").waitFor({ state: "attached" });
  assert.equal((await callsOf(page, "settings_choose_folder")).length, 1);
  await closePage(page);
});

test("the file-name template previews on a real clip as it is typed", async () => {
  const page = await openApp(env, { projects: [PODCAST] });
  await openSettings(page);
  await page.getByText("Open a project in Clips to see an example name made from one of its clips.").waitFor();

  await page.getByRole("button", { name: "Clips", exact: true }).click();
  await openProjectByTyping(page, PROJECT_ID);
  await clipCard(page, PODCAST.clips[2].title).click();
  await openSettings(page);
  await page.getByText("Example, for “Hiring before product-market fit”: Founders podcast, episode 12 - 02 - Hiring before product-market fit.mp4").waitFor();

  await page.getByLabel("File name template").fill("{idx:02} {title}.mp4");
  await page.getByText("Example, for “Hiring before product-market fit”: 02 Hiring before product-market fit.mp4").waitFor();
  const call = await waitForCall(page, "name_preview", (args) => args.template === "{idx:02} {title}.mp4");
  assert.deepEqual(call.args, { template: "{idx:02} {title}.mp4", projectId: PROJECT_ID, idx: 2 });

  await page.getByLabel("File name template").fill("{idx:02} {titel}.mp4");
  await page.getByText("unknown field {titel} in the file name template; use one of {project}, {task}, {idx}, {title}, {score}, {resolution}, {ratio}, {date}. Fix the file name template.").waitFor();
  assert.equal(await page.getByLabel("File name template").getAttribute("aria-invalid"), "");

  await page.getByRole("button", { name: "Use the default template" }).click();
  assert.equal(await page.getByLabel("File name template").inputValue(), "{project} - {idx:02} - {title}.mp4");
  await page.locator("#template-error").waitFor({ state: "hidden" });
  await closePage(page);
});

test("saving sends only what changed", async () => {
  const page = await openApp(env);
  await openSettings(page);
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Nothing to save: no setting changed.").waitFor();

  await page.getByLabel("Downloads at the same time").fill("5");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Settings saved.").waitFor();
  assert.deepEqual((await callsOf(page, "settings_set")).map((c) => c.args), [{ patch: { concurrency: 5 } }]);

  await page.getByLabel("Downloads at the same time").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Enter a whole number from 1 to 8.").waitFor();
  assert.equal((await callsOf(page, "settings_set")).length, 1);
  await closePage(page);
});

test("automatic timelines are offered as the shell's catalog lists them and saved by their ids", async () => {
  const page = await openApp(env, { settings: { autoTimelines: ["cmx3600"] } });
  await openSettings(page);
  const boxes = page.getByRole("group", { name: "Timelines written when an export's clips are all downloaded" }).getByRole("checkbox");
  assert.equal(await boxes.count(), CATALOG.timelineFormats.length);
  assert.equal(await page.getByLabel("EDL (.edl)").isChecked(), true, "the stored id ticks its box");
  await page.getByLabel("Final Cut (.fcpxml)").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Settings saved.").waitFor();
  const [saved] = (await callsOf(page, "settings_set")).map((c) => c.args.patch.autoTimelines);
  assert.deepEqual([...saved].sort(), ["cmx3600", "fcpxml"]);
  await closePage(page);
});

test("a template the shell refuses on save is shown next to the field", async () => {
  const page = await openApp(env);
  await openSettings(page);
  await page.getByLabel("File name template").fill("{project");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.locator("#template-error").getByText("unbalanced brace").waitFor();
  assert.ok(await page.getByLabel("File name template").evaluate((el) => el === document.activeElement));
  await closePage(page);
});

test("replacing the key saves and verifies the new one", async () => {
  const page = await openApp(env);
  await openSettings(page);
  await page.getByText("Key ending …7f3a, stored in the system keychain.").waitFor();
  await page.getByLabel("New API key").fill("wk_live_newkey_5678");
  await page.getByRole("button", { name: "Replace key" }).click();
  await page.getByText("Key ending …5678 saved and verified.").first().waitFor();
  await page.getByText("Key ending …5678, stored in the system keychain.").waitFor();
  assert.deepEqual((await callsOf(page, "key_save")).map((c) => c.args), [
    { key: "wk_live_newkey_5678", sessionOnly: false, unverified: false },
  ]);
  assert.equal(await page.getByLabel("New API key").inputValue(), "");
  await closePage(page);
});

// Tried: a replacement key that WayinVideo refuses. The page must say the
// current key is still the one in use, and show it so.
test("a refused replacement key leaves the current key in place", async () => {
  const page = await openApp(env, {
    failures: { key_save: { kind: "key_rejected", message: "The API key was rejected (HTTP 403)." } },
  });
  await openSettings(page);
  await page.getByLabel("New API key").fill("wk_live_wrong_0000");
  await page.getByRole("button", { name: "Replace key" }).click();
  await page.getByText("The API key was rejected (HTTP 403). The new key was not saved. The current key stays in use.").waitFor();
  await page.getByText("Key ending …7f3a, stored in the system keychain.").waitFor();
  assert.equal(await page.getByLabel("New API key").getAttribute("placeholder"), "Current key: …7f3a");
  await closePage(page);
});

test("the API address is not a setting of the page", async () => {
  const page = await openApp(env);
  await openSettings(page);
  assert.equal(await page.locator("#api-base").count(), 0);
  assert.equal(await page.getByText("API base URL").count(), 0);
  await closePage(page);
});

test("deleting the key asks first, then returns to the first-run screen", async () => {
  const page = await openApp(env);
  await openSettings(page);
  await page.getByRole("button", { name: "Delete key" }).click();
  await page.getByRole("button", { name: "Keep it" }).click();
  assert.equal((await callsOf(page, "key_delete")).length, 0);
  await page.getByRole("button", { name: "Delete key" }).click();
  await page.getByRole("button", { name: "Delete the key" }).click();
  await page.getByRole("heading", { name: "Connect your WayinVideo account" }).waitFor();
  assert.equal((await callsOf(page, "key_delete")).length, 1);
  assert.equal(await page.getByRole("navigation", { name: "Sections" }).isVisible(), false);
  await closePage(page);
});

test("an unusable download folder leads to Settings at the folder", async () => {
  const page = await openApp(env, {
    projects: [PODCAST],
    failures: { export_submit: { kind: "folder", message: "The download folder /mnt/usb cannot be used: it is not writable. Choose another folder." } },
  });
  await openProjectByTyping(page, PROJECT_ID);
  await clipCard(page, PODCAST.clips[0].title).click();
  await page.getByRole("button", { name: "Export 1 clip" }).click();
  // The shell's message says what to do; it is shown once, not followed by the same advice again.
  await page.getByText("The download folder /mnt/usb cannot be used: it is not writable. Choose another folder.", { exact: true }).waitFor();
  await page.getByRole("button", { name: "Choose a folder" }).click();
  await page.getByRole("heading", { name: "Settings", exact: true }).waitFor();
  assert.ok(await page.getByRole("button", { name: "Choose folder…" }).evaluate((el) => el === document.activeElement));
  await closePage(page);
});

test("a damaged history that was set aside is said in a banner naming the kept file", async () => {
  const kept = "/home/editor/.local/share/wayin/exports.damaged-2026-12-07-134501.sqlite3";
  const page = await openApp(env, { historySetAside: kept });
  await page.getByText(`The damaged file was kept as ${kept}.`).waitFor();
  assert.ok(await page.getByText("The export history could not be read, so a new one was started.", { exact: false }).isVisible());
  await page.getByLabel("Project id or link").waitFor();
  await closePage(page);
});

test("presets and settings that could not be read are said with the damaged history", async () => {
  const kept = "/tmp/exports.damaged.sqlite3";
  const preset = "The preset \u201cVertical 4K\u201d could not be read and is left out; save it again to use it.";
  const page = await openApp(env, { historySetAside: kept, notices: [preset] });
  await page.getByText(`The damaged file was kept as ${kept}.`, { exact: false }).waitFor();
  assert.ok(await page.getByText(preset, { exact: false }).isVisible());
  await closePage(page);
});

test("a history in good order brings no banner", async () => {
  const page = await openApp(env, {});
  await page.getByLabel("Project id or link").waitFor();
  assert.equal(await page.getByText("The export history could not be read").count(), 0);
  await closePage(page);
});
