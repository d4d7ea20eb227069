// For people: light and dark mode, labels for every control, start-up errors,
// and app-wide problems that say what to do next.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startBrowser, openApp, closePage, callsOf, openProjectByTyping, clipCard } from "./harness.js";
import { PODCAST, PROJECT_ID } from "./fixtures.js";

let env;
before(async () => (env = await startBrowser()));
after(() => env.close());

function colours(page) {
  return page.evaluate(() => {
    const of = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
    return {
      page: of("body", "backgroundColor"),
      text: of("body", "color"),
      card: of(".export-form", "backgroundColor"),
      selected: of(".clip.is-selected .clip-card", "backgroundColor"),
      primary: of("#export-submit", "backgroundColor"),
    };
  });
}

test("follows the system's light or dark mode", async () => {
  const page = await openApp(env, { projects: [PODCAST] });
  await openProjectByTyping(page, PROJECT_ID);
  await clipCard(page, PODCAST.clips[0].title).click();
  await page.emulateMedia({ colorScheme: "light" });
  const light = await colours(page);
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await colours(page);
  for (const key of Object.keys(light)) assert.notEqual(light[key], dark[key], `${key} changes with the scheme`);
  assert.equal(light.page, "rgb(246, 245, 250)");
  assert.equal(dark.page, "rgb(23, 21, 29)");
  await closePage(page);
});

test("every visible control has a name a screen reader can read", async () => {
  const page = await openApp(env, { projects: [PODCAST] });
  await openProjectByTyping(page, PROJECT_ID);
  await clipCard(page, PODCAST.clips[0].title).waitFor();
  for (const name of ["Animated captions", "AI hook", "AI reframe"]) await page.getByRole("switch", { name }).check();
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("button, input, select, textarea, [role=switch]")]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => {
        const labelled = el.labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
        return !labelled && !(el.tagName === "BUTTON" && el.textContent.trim());
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
  await closePage(page);
});

test("a start-up failure is explained and can be retried", async () => {
  const page = await openApp(env, { failures: { app_info: { kind: "internal", message: "The settings file is damaged." } } });
  await page.getByText("The app could not start: The settings file is damaged.").waitFor();
  await page.getByRole("button", { name: "Try again" }).click();
  await page.getByLabel("Project id or link").waitFor();
  assert.equal((await callsOf(page, "app_info")).length, 2);
  await closePage(page);
});

test("a refused key anywhere leads to replacing it", async () => {
  const page = await openApp(env, {
    projects: [PODCAST],
    failures: { project_open: { kind: "key_rejected", message: "The API key was rejected (HTTP 403). Check the key in Settings, or create a new one in your WayinVideo account." } },
  });
  await openProjectByTyping(page, PROJECT_ID);
  const banner = page.locator("#banner");
  await banner.getByText("The API key was rejected (HTTP 403). Check the key in Settings, or create a new one in your WayinVideo account.", { exact: true }).waitFor();
  await banner.getByRole("button", { name: "Replace the key" }).click();
  await page.getByRole("heading", { name: "API key" }).waitFor();
  assert.ok(await page.getByRole("heading", { name: "API key" }).evaluate((el) => el === document.activeElement));
  assert.equal(await banner.isVisible(), false);
  await closePage(page);
});

test("when live progress cannot start, the page says how to see the latest state", async () => {
  const page = await openApp(env, { failures: { exports_watch: { kind: "internal", message: "The event channel closed." } } });
  await page.getByText("Live progress is not available: The event channel closed. Use Refresh in Exports").waitFor();
  await page.locator("#banner").getByRole("button", { name: "Try again" }).click();
  await page.locator("#banner").waitFor({ state: "hidden" });
  assert.equal((await callsOf(page, "exports_watch")).length, 2);
  await closePage(page);
});
