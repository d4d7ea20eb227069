// One headless Chromium per test file, the UI served with the mock backend,
// and helpers to read back what the page asked the backend to do.

import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "./server.js";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// The machine has no network: these keep Chromium from trying to reach it.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function startBrowser() {
  const server = await startServer();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "wayin-ui-test-"));
  const profile = path.join(scratch, "profile");
  const home = path.join(scratch, "home");
  fs.mkdirSync(home);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    // Chromium writes caches, an NSS database and D-Bus files under HOME: keep them in the scratch folder.
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, ".config"),
      XDG_CACHE_HOME: path.join(home, ".cache"),
      XDG_DATA_HOME: path.join(home, ".local/share"),
      DBUS_SESSION_BUS_ADDRESS: "disabled:",
    },
  });
  context.setDefaultTimeout(5000);
  return {
    context,
    url: server.url,
    async close() {
      await context.close();
      await server.close();
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the app with the mock backend configured by `config` (see mock-ipc.js)
 * and waits until it has started (or shown its start-up error).
 */
export async function openApp(env, config = {}) {
  const page = await env.context.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
  await page.addInitScript((cfg) => {
    window.__mockConfig = cfg;
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  }, config);
  await page.goto(env.url, { waitUntil: "domcontentloaded" });
  await page.waitForFunction(() => document.body.dataset.ready === "true" || !document.getElementById("boot-retry").hidden);
  page.problems = problems;
  return page;
}

/** Closes the page after checking it raised no exception and broke no CSP rule. */
export async function closePage(page) {
  const violations = await page.evaluate(() => window.__cspViolations);
  await page.close();
  assert.deepEqual(page.problems, [], "the page raised exceptions");
  assert.deepEqual(violations, [], "the page broke the content security policy");
}

/** Every recorded call of `cmd`, oldest first: [{ cmd, args }]. */
export function callsOf(page, cmd) {
  return page.evaluate((name) => window.__calls.filter((call) => call.cmd === name), cmd);
}

/** Polls `check` until it returns something truthy; fails with the last value after `timeout` ms. */
export async function eventually(check, { timeout = 4000, message = "condition never held" } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > end) assert.fail(`${message} (last: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The latest call of `cmd` whose args satisfy `match` (or any, without one). */
export async function waitForCall(page, cmd, match = () => true, timeout = 4000) {
  return eventually(
    async () => (await callsOf(page, cmd)).reverse().find((call) => match(call.args)),
    { timeout, message: `no ${cmd} call as expected` },
  );
}

/** Opens a project through the UI, the way a person pastes it. */
export async function openProjectByTyping(page, input) {
  await page.getByLabel("Project id or link").fill(input);
  await page.getByLabel("Project id or link").press("Enter");
}

/** Titles of the visible clip cards, in grid order. */
export function visibleTitles(page) {
  return page.locator("#clip-grid li.clip:not([hidden]) .clip-title").allTextContents();
}

/** The clip card (a toggle button) named by its title. */
export function clipCard(page, title) {
  return page.getByRole("button", { name: title, exact: true });
}
