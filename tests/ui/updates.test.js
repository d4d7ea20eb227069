// Updates: the look at start, "Check for updates", the offer and its notes, the install's
// wait and progress, a package-manager install, and turning the look at start off.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startBrowser, openApp, closePage, callsOf, waitForCall } from "./harness.js";

let env;
before(async () => (env = await startBrowser()));
after(() => env.close());

const OFFER = {
  version: "0.4.0",
  current: "0.3.0",
  notes: "Faster downloads.\nCaptions in Hindi.",
  date: "2026-12-01T10:00:00Z",
  installsItself: true,
  downloadPage: "https://example.org/download",
};

async function openUpdates(page) {
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  await page.getByRole("heading", { name: "About and updates" }).waitFor();
}

test("a version found at start is offered in a banner, and Settings show its notes", async () => {
  const page = await openApp(env, { updates: { offer: OFFER } });
  const call = await waitForCall(page, "update_check");
  assert.deepEqual(call.args, { automatic: true });
  await page.getByText("Wayin Clip Exporter 0.4.0 is available.").waitFor();
  await page.getByRole("button", { name: "See what's new" }).click();
  await page.getByRole("heading", { name: "Version 0.4.0 is available (you have 0.3.0)" }).waitFor();
  assert.equal(await page.locator("#update-notes").innerText(), "Faster downloads.\nCaptions in Hindi.");
  assert.ok(await page.getByRole("button", { name: "Install and restart" }).isVisible());
  await closePage(page);
});

test("a version found at start leaves a notice already shown in its place", async () => {
  const notice = "The downloads-at-once setting could not be read, so 3 is used until it is set again.";
  const page = await openApp(env, { updates: { offer: OFFER }, notices: [notice] });
  await page.waitForFunction(() => !document.getElementById("update-offer").hidden);
  assert.equal(await page.locator("#banner-text").innerText(), notice);
  await openUpdates(page);
  await page.getByRole("heading", { name: "Version 0.4.0 is available (you have 0.3.0)" }).waitFor();
  await closePage(page);
});

test("an offline look at start shows nothing, and a manual one says so quietly", async () => {
  const page = await openApp(env, { updates: { offer: OFFER, problem: "The release server could not be reached (offline)." } });
  await waitForCall(page, "update_check");
  await openUpdates(page);
  assert.ok(await page.locator("#banner").isHidden(), "no banner for a failed look");
  await page.getByRole("button", { name: "Check for updates" }).click();
  await page.getByRole("status").getByText("Could not look for a new version just now: The release server could not be reached (offline).").waitFor();
  assert.equal(await page.getByRole("alert").count(), 0, "not an alarm");
  assert.ok(await page.locator("#update-offer").isHidden());
  await closePage(page);
});

test("with nothing newer, a manual look says the version is the newest", async () => {
  const page = await openApp(env);
  await openUpdates(page);
  await page.getByRole("button", { name: "Check for updates" }).click();
  await page.getByText("You have the newest version (0.3.0).").waitFor();
  assert.deepEqual((await callsOf(page, "update_check")).map((c) => c.args.automatic), [true, false]);
  await closePage(page);
});

test("an install waits for the downloads, shows its progress and restarts", async () => {
  const page = await openApp(env, { updates: { offer: OFFER, busy: 2 } });
  await openUpdates(page);
  await page.getByRole("button", { name: "Check for updates" }).click();
  await page.getByRole("button", { name: "Install and restart" }).click();
  await page.getByText("Version 0.4.0 is installed. Restarting…").waitFor();
  assert.equal((await callsOf(page, "update_install")).length, 1);
  assert.ok(await page.getByRole("button", { name: "Install and restart" }).isDisabled());
  assert.equal(await page.locator("#update-progress").getAttribute("value"), "48000000");
  await closePage(page);
});

test("a failed install says why and can be tried again", async () => {
  const refused = "The new version's signature does not match this app's release key, so nothing was installed.";
  const page = await openApp(env, { updates: { offer: OFFER, installError: { kind: "update", message: refused } } });
  await openUpdates(page);
  await page.getByRole("button", { name: "Check for updates" }).click();
  await page.getByRole("button", { name: "Install and restart" }).click();
  await page.getByText(`Not installed: ${refused}`).waitFor();
  assert.ok(await page.getByRole("button", { name: "Install and restart" }).isEnabled());
  await closePage(page);
});

test("a copy a package manager installed is told where to get the new version", async () => {
  const page = await openApp(env, { updates: { offer: { ...OFFER, installsItself: false } } });
  await openUpdates(page);
  await page.getByRole("button", { name: "Check for updates" }).click();
  await page.getByText("This copy was installed by your system's package manager: get the new package from https://example.org/download").waitFor();
  assert.equal(await page.getByRole("button", { name: "Install and restart" }).count(), 0);
  await page.getByRole("button", { name: "Open the download page" }).click();
  const opened = await waitForCall(page, "update_download_page");
  assert.deepEqual(opened.args, {}, "the page names no address: the shell opens its own");
  await closePage(page);
});

test("turning the look at start off is saved", async () => {
  const page = await openApp(env, { updates: { offer: OFFER } });
  await openUpdates(page);
  const box = page.getByLabel("Look for a new version when the app starts (at most once a day)");
  assert.ok(await box.isChecked());
  await box.uncheck();
  const saved = await waitForCall(page, "settings_set");
  assert.deepEqual(saved.args, { patch: { checkUpdates: false } });
  await page.getByRole("button", { name: "Clips", exact: true }).click();
  await openUpdates(page);
  assert.equal(await box.isChecked(), false, "still off when Settings are shown again");
  await closePage(page);
});
