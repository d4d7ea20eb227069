// First run: paste the key, save, verify; no keychain; a refused key; the demo.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startBrowser, openApp, closePage, callsOf, waitForCall } from "./harness.js";
import { PODCAST } from "./fixtures.js";

const NO_KEY = { set: false, last4: null, source: null };
const KEY = "wk_live_9d8c7b6a5e4f1234";

let env;
before(async () => (env = await startBrowser()));
after(() => env.close());

test("a pasted key is saved, verified, and never shown again", async () => {
  const page = await openApp(env, { keyStatus: NO_KEY });
  await page.getByRole("heading", { name: "Connect your WayinVideo account" }).waitFor();
  assert.equal(await page.getByRole("navigation").isVisible(), false, "no sections before a key");

  await page.getByRole("textbox", { name: "API key", exact: true }).fill(KEY);
  await page.getByRole("button", { name: "Save and verify" }).click();

  await page.getByLabel("Project id or link").waitFor();
  assert.deepEqual((await callsOf(page, "key_save")).map((c) => c.args), [{ key: KEY, sessionOnly: false, unverified: false }]);
  assert.equal((await callsOf(page, "key_verify")).length, 0, "key_save already checked the key");
  assert.ok(await page.getByRole("navigation", { name: "Sections" }).isVisible());

  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByText("Key ending …1234, stored in the system keychain.").waitFor();
  const field = page.getByLabel("New API key");
  assert.equal(await field.inputValue(), "");
  assert.equal(await field.getAttribute("placeholder"), "Current key: …1234");
  assert.equal(await page.locator("#first-key-input").inputValue(), "", "the first-run field was emptied");
  assert.ok(!(await page.content()).includes(KEY), "the key is nowhere in the page");
  await closePage(page);
});

test("without a keychain the key can be used for this session only", async () => {
  const page = await openApp(env, { keyStatus: NO_KEY, keychainAvailable: false });
  await page.getByRole("textbox", { name: "API key", exact: true }).fill(KEY);
  await page.getByRole("button", { name: "Save and verify" }).click();

  await page.getByText("No system keychain is available (Secret Service is not running). The key can be used for this session only.").waitFor();
  const sessionOnly = page.getByRole("button", { name: "Use for this session only" });
  assert.ok(await sessionOnly.evaluate((el) => el === document.activeElement), "focus moves to the offer");
  await sessionOnly.click();

  await page.getByLabel("Project id or link").waitFor();
  assert.deepEqual((await callsOf(page, "key_save")).map((c) => c.args), [
    { key: KEY, sessionOnly: false, unverified: false },
    { key: KEY, sessionOnly: true, unverified: false },
  ]);
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByText("Key ending …1234, kept for this session only").waitFor();
  await closePage(page);
});

test("a key WayinVideo refuses stays on the form with what to do", async () => {
  const page = await openApp(env, {
    keyStatus: NO_KEY,
    failures: { key_save: { kind: "key_rejected", message: "WayinVideo answered 403 Forbidden." } },
  });
  await page.getByRole("textbox", { name: "API key", exact: true }).fill(KEY);
  await page.getByRole("button", { name: "Save and verify" }).click();
  await page.getByText("WayinVideo answered 403 Forbidden. The new key was not saved. Paste the key again").waitFor();
  assert.equal(await page.getByRole("textbox", { name: "API key", exact: true }).getAttribute("aria-invalid"), "");
  assert.equal(await page.getByLabel("Project id or link").isVisible(), false);
  assert.equal((await callsOf(page, "key_save")).length, 1);
  await closePage(page);
});

// Tried: WayinVideo cannot be reached when the key is saved. The page must ask
// before keeping an unchecked key, and send it again only with "unverified".
test("a key that could not be checked is kept only when the person says so", async () => {
  const page = await openApp(env, {
    keyStatus: NO_KEY,
    failures: { key_save: { kind: "key_unchecked", message: "The key could not be checked with WayinVideo, so it was not saved.", times: 2 } },
  });
  await page.getByRole("textbox", { name: "API key", exact: true }).fill(KEY);
  await page.getByRole("button", { name: "Save and verify" }).click();
  await page.locator("#first-key-unchecked").getByText("Couldn't reach WayinVideo to check this key. Keep it anyway?").waitFor();
  const keep = page.getByRole("button", { name: "Keep it anyway" });
  assert.ok(await keep.evaluate((el) => el === document.activeElement), "focus moves to the question");

  await page.getByRole("button", { name: "Don't keep it" }).click();
  await page.getByText("The key was not saved.", { exact: true }).waitFor();
  assert.equal(await keep.isVisible(), false);
  assert.equal((await callsOf(page, "key_save")).length, 1, "refusing sends nothing");

  await page.getByRole("button", { name: "Save and verify" }).click();
  await keep.waitFor();
  await keep.click();
  await page.getByLabel("Project id or link").waitFor();
  assert.deepEqual((await callsOf(page, "key_save")).map((c) => c.args), [
    { key: KEY, sessionOnly: false, unverified: false },
    { key: KEY, sessionOnly: false, unverified: false },
    { key: KEY, sessionOnly: false, unverified: true },
  ]);
  assert.equal((await callsOf(page, "key_verify")).length, 1, "checked again once kept");
  await closePage(page);
});

test("a kept key that still cannot be checked offers to check again", async () => {
  const page = await openApp(env, {
    keyStatus: NO_KEY,
    failures: {
      key_save: { kind: "key_unchecked", message: "The key could not be checked with WayinVideo, so it was not saved." },
      key_verify: { kind: "network", message: "Could not reach the WayinVideo service (connection refused). Check your connection and try again." },
    },
  });
  await page.getByRole("textbox", { name: "API key", exact: true }).fill(KEY);
  await page.getByRole("button", { name: "Save and verify" }).click();
  await page.getByRole("button", { name: "Keep it anyway" }).click();
  await page.getByText("could not be checked. Could not reach the WayinVideo service (connection refused). Check your connection and try again.", { exact: false }).waitFor();
  await page.getByRole("button", { name: "Check again" }).click();
  await page.getByLabel("Project id or link").waitFor();
  await waitForCall(page, "key_verify");
  assert.equal((await callsOf(page, "key_verify")).length, 2);
  assert.equal((await callsOf(page, "key_save")).length, 2, "the key is not sent again to check it");
  await closePage(page);
});

test("an empty key is caught before anything is sent", async () => {
  const page = await openApp(env, { keyStatus: NO_KEY });
  await page.getByRole("button", { name: "Save and verify" }).click();
  await page.getByText("Paste the API key first.").waitFor();
  assert.equal((await callsOf(page, "key_save")).length, 0);
  await closePage(page);
});

test("demo mode needs no key", async () => {
  const page = await openApp(env, { keyStatus: NO_KEY, demo: true });
  await page.getByLabel("Project id or link").waitFor();
  assert.ok(await page.getByText("Demo", { exact: true }).isVisible());
  assert.equal(await page.getByRole("heading", { name: "Connect your WayinVideo account" }).isVisible(), false);
  await closePage(page);
});

test("Try the demo switches the running app into the demo and Leave the demo back, key untouched", async () => {
  const page = await openApp(env, { keyStatus: NO_KEY, projects: [PODCAST] });
  await page.getByRole("button", { name: "Try the demo" }).click();

  // The page starts again in the demo: its badge, its projects, a way back; no key asked for.
  await page.getByRole("button", { name: "Leave the demo" }).waitFor();
  assert.ok(await page.locator("#demo-badge").isVisible());
  await page.getByLabel("Project id or link").waitFor();
  assert.equal(await page.getByRole("textbox", { name: "API key", exact: true }).isVisible(), false);

  await page.getByRole("button", { name: "Leave the demo" }).click();
  await page.getByRole("textbox", { name: "API key", exact: true }).waitFor();
  assert.equal(await page.locator("#demo-badge").isVisible(), false);
  assert.equal(await page.getByRole("button", { name: "Leave the demo" }).isVisible(), false);
  const calls = await callsOf(page, "key_save");
  assert.deepEqual(calls, [], "the key was never touched");
  await closePage(page);
});

test("Try the demo cannot be pressed while the key is being checked", async () => {
  const page = await openApp(env, { keyStatus: NO_KEY, projects: [PODCAST], latency: { key_save: 800 } });
  await page.getByRole("textbox", { name: "API key", exact: true }).fill(KEY);
  await page.getByRole("button", { name: "Save and verify" }).click();
  await page.getByText("Checking the key with WayinVideo…").waitFor();
  const demo = page.getByRole("button", { name: "Try the demo" });
  assert.equal(await demo.isDisabled(), true, "the demo switch waits for the key's answer");
  await demo.click({ force: true });
  await page.getByLabel("Project id or link").waitFor();
  assert.equal((await callsOf(page, "demo_enter")).length, 0, "no switch was sent while the key was checked");
  assert.equal(await page.locator("#demo-badge").isVisible(), false);
  await closePage(page);
});
