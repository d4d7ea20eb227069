// Opening a project by pasted text or URL, recent projects, and what a clip card shows.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startBrowser, openApp, closePage, callsOf, openProjectByTyping, visibleTitles, clipCard } from "./harness.js";
import { PODCAST, PROJECT_ID, bigProject } from "./fixtures.js";
import { CATALOG } from "./catalog.js";

let env;
before(async () => (env = await startBrowser()));
after(() => env.close());

test("a pasted URL opens its project and adds it to the recent list", async () => {
  const page = await openApp(env, { projects: [PODCAST] });
  await page.getByText("No projects yet.").waitFor();
  await page.getByText("Open a project to see its clips.").waitFor();

  const pasted = `Here it is: https://wayin.ai/app/clips/${PROJECT_ID}?tab=highlights thanks`;
  await openProjectByTyping(page, pasted);

  await page.getByRole("heading", { name: PODCAST.name }).waitFor();
  assert.deepEqual((await callsOf(page, "project_open")).map((c) => c.args), [{ input: pasted }]);
  assert.equal((await visibleTitles(page)).length, 6);
  await page.getByText("AI Clipping · 6 clips").waitFor();
  const recent = page.getByRole("button", { name: new RegExp(`^${PODCAST.name}`) });
  await recent.waitFor();
  assert.equal(await recent.getAttribute("aria-current"), "true");
  await closePage(page);
});

test("an unknown project is explained next to the field", async () => {
  const page = await openApp(env, { projects: [PODCAST] });
  await openProjectByTyping(page, "hmtask_12345");
  await page.getByText("are not API ids").waitFor();
  await page.getByText("Check the id, or paste the project's link again.").waitFor();
  assert.equal(await page.getByLabel("Project id or link").getAttribute("aria-invalid"), "");
  assert.equal(await page.locator("#project-area").isVisible(), false);
  await closePage(page);
});

test("an empty field asks for an id without calling the shell", async () => {
  const page = await openApp(env, { projects: [PODCAST] });
  await page.getByRole("button", { name: "Open", exact: true }).click();
  await page.getByText("Paste a project id, or a link or text that contains one.").waitFor();
  assert.equal((await callsOf(page, "project_open")).length, 0);
  await closePage(page);
});

test("recent projects are listed by name and open on click, with a loading state", async () => {
  const page = await openApp(env, {
    projects: [PODCAST],
    recent: [{ projectId: PROJECT_ID, name: PODCAST.name, kind: "ai_clipping", openedAt: Date.now() - 3 * 3_600_000 }],
    latency: { project_open: 400 },
  });
  const item = page.getByRole("button", { name: `${PODCAST.name} AI Clipping · 3 h ago` });
  await item.click();
  await page.getByRole("button", { name: "Opening…" }).waitFor();
  assert.ok(await page.getByRole("button", { name: "Opening…" }).isDisabled());
  await page.getByText("Loading the project's clips…").waitFor();
  await page.getByRole("heading", { name: PODCAST.name }).waitFor();
  assert.deepEqual((await callsOf(page, "project_open")).map((c) => c.args), [{ input: PROJECT_ID }]);
  await closePage(page);
});

test("demo mode lists its projects by name, kind and clip count; one click opens one", async () => {
  const moments = bigProject(3);
  const page = await openApp(env, { demo: true, projects: [PODCAST, moments] });
  const demo = page.getByRole("region", { name: "Demo projects" });
  await demo.getByRole("heading", { name: "Demo projects" }).waitFor();
  const podcast = demo.getByRole("button", { name: `${PODCAST.name} AI Clipping · 6 clips` });
  const conference = demo.getByRole("button", { name: `${moments.name} Find Moments · 3 clips` });
  await podcast.waitFor();
  await conference.waitFor();
  const thumbnails = demo.locator("img");
  assert.deepEqual(await thumbnails.evaluateAll((imgs) => imgs.map((img) => [img.getAttribute("src"), img.alt])), [
    [PODCAST.clips[0].thumbnail, ""],
    [moments.clips[0].thumbnail, ""],
  ]);
  await page.getByText("No projects yet.").waitFor();

  await podcast.click();
  await page.getByRole("heading", { name: PODCAST.name, level: 2 }).waitFor();
  assert.deepEqual((await callsOf(page, "project_open")).map((c) => c.args), [{ input: PROJECT_ID }]);
  assert.equal(await podcast.getAttribute("aria-current"), "true");
  assert.equal(await conference.getAttribute("aria-current"), null);

  await conference.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: moments.name, level: 2 }).waitFor();
  assert.deepEqual((await callsOf(page, "project_open")).map((c) => c.args.input), [PROJECT_ID, moments.projectId]);
  assert.equal(await podcast.getAttribute("aria-current"), null);

  await openProjectByTyping(page, PROJECT_ID);
  await page.getByRole("heading", { name: PODCAST.name, level: 2 }).waitFor();
  assert.equal((await callsOf(page, "project_open")).length, 3, "the id field still opens projects");
  await closePage(page);
});

test("demo projects that could not be loaded can be asked for again", async () => {
  const page = await openApp(env, {
    demo: true,
    projects: [PODCAST],
    failures: { demo_projects: { kind: "network", message: "Could not reach the demo API." } },
  });
  await page.getByText("The demo projects could not be loaded:", { exact: false }).waitFor();
  await page.getByRole("region", { name: "Demo projects" }).getByRole("button", { name: "Try again" }).click();
  await page.getByRole("button", { name: `${PODCAST.name} AI Clipping · 6 clips` }).waitFor();
  assert.equal(await page.getByText("The demo projects could not be loaded:", { exact: false }).count(), 0);
  await closePage(page);
});

test("outside demo mode no demo projects are offered or asked for", async () => {
  const page = await openApp(env, { projects: [PODCAST] });
  await page.getByText("No projects yet.").waitFor();
  assert.equal(await page.getByRole("heading", { name: "Demo projects" }).count(), 0);
  assert.equal(await page.locator("#demo-projects").isVisible(), false);
  assert.equal((await callsOf(page, "demo_projects")).length, 0);
  await closePage(page);
});

test("a project without clips says so", async () => {
  const page = await openApp(env, { projects: [{ ...PODCAST, clips: [], sourceDurationMs: null }] });
  await openProjectByTyping(page, PROJECT_ID);
  await page.getByText("This project has no clips yet.").waitFor();
  await closePage(page);
});

test("a clip card shows thumbnail, title, duration, score, tags, description and position", async () => {
  const page = await openApp(env, { projects: [PODCAST] });
  await openProjectByTyping(page, PROJECT_ID);
  const card = clipCard(page, "Why pricing is a product decision");
  await card.waitFor();
  assert.equal(await card.getAttribute("aria-pressed"), "false");
  const img = card.locator("img");
  assert.equal(await img.getAttribute("loading"), "lazy");
  await card.locator('img[src="/test-media/thumb/0.svg"]').waitFor({ state: "attached" });
  assert.equal(await img.getAttribute("alt"), "", "the title names the card; the picture is decoration");
  assert.equal(await card.locator(".clip-duration").textContent(), "Length 1:02");
  assert.equal(await card.locator(".clip-score").innerText(), "Score 94");
  assert.deepEqual(await card.locator(".tag").allTextContents(), ["pricing", "strategy"]);
  assert.equal(await card.locator(".clip-desc").innerText(), "Pricing as the product's sharpest edge.");
  assert.equal(await card.locator(".clip-position").textContent(), "From 20:00 to 21:02 of the source.");
  const strip = await card.locator(".clip-strip-mark").evaluate((el) => {
    const mark = el.getBoundingClientRect();
    const bar = el.parentElement.getBoundingClientRect();
    return { start: (mark.left - bar.left) / bar.width, width: mark.width / bar.width };
  });
  assert.ok(Math.abs(strip.start - 1 / 3) < 0.01, `starts a third of the way in (${strip.start})`);
  assert.ok(strip.width > 0.01 && strip.width < 0.05, `covers about 1.7% (${strip.width})`);
  const description = await card.evaluate((el) => el.getAttribute("aria-describedby").split(" ").map((id) => document.getElementById(id).textContent).join(" | "));
  assert.match(description, /Length 1:02.*Score 94.*From 20:00 to 21:02.*Tags: pricingstrategy/);

  const unknown = clipCard(page, "What we would do differently");
  assert.equal(await unknown.locator(".clip-position").textContent(), "Position in the source unknown.");
  assert.ok(await unknown.getByText("No score").isVisible());
  await closePage(page);
});

test("selects on the source video take the selected clips and say which ranges the source could not give", async () => {
  const skipped = 'Clip 2 "Hiring before product-market fit" ends at 58:10, after the source video ends (55:00): cut at the end.';
  const page = await openApp(env, { projects: [PODCAST], sourceVideo: "/home/editor/Videos/episode-12.mp4", skippedRanges: [skipped] });
  await openProjectByTyping(page, PROJECT_ID);
  await page.getByRole("heading", { name: PODCAST.name }).waitFor();

  await page.getByRole("button", { name: "Selects on my source video…" }).click();
  const status = page.locator("#selects-status");
  await status.getByText(`Selects of every clip written to your download folder: ${PODCAST.name} - selects.xml`, { exact: false }).waitFor();
  await status.getByText(skipped).waitFor();

  await clipCard(page, PODCAST.clips[0].title).click();
  await page.getByRole("button", { name: "Selects on my source video…" }).click();
  await status.getByText("Selects of 1 selected clip written", { exact: false }).waitFor();
  assert.equal(await page.getByText(skipped).count(), 0, "a clip not chosen is not reported");
  assert.deepEqual(
    (await callsOf(page, "selects_write")).map((c) => c.args),
    [{ projectId: PROJECT_ID, clips: null }, { projectId: PROJECT_ID, clips: [PODCAST.clips[0].idx] }],
  );
  const written = await page.evaluate(() => window.__mock.written());
  assert.equal(written.length, 2 * CATALOG.timelineFormats.length, "every format, twice");
  assert.ok(written.every((name) => name.startsWith(`${PODCAST.name} - selects.`)), written.join(", "));
  await closePage(page);
});

test("closing the file picker writes nothing and says nothing", async () => {
  const page = await openApp(env, { projects: [PODCAST] });
  await openProjectByTyping(page, PROJECT_ID);
  await page.getByRole("button", { name: "Selects on my source video…" }).click();
  await page.waitForFunction(() => !document.getElementById("selects-write").disabled);
  assert.equal((await page.locator("#selects-status").textContent()).trim(), "");
  assert.equal((await callsOf(page, "selects_write")).length, 1, "asked once, answered cancelled");
  assert.deepEqual(await page.evaluate(() => window.__mock.written()), [], "no file was written");
  for (const write of ["timeline_write", "export_submit", "settings_set", "preset_save", "download_reveal"]) {
    assert.equal((await callsOf(page, write)).length, 0, `${write} is not called after a cancelled picker`);
  }
  assert.equal(await page.getByText(" - selects.", { exact: false }).count(), 0, "no written file is named");
  await closePage(page);
});

test("selects say why the video a project was made from was not used", async () => {
  const moved = "keynote.mp4 has changed since the project was made (its size differs)";
  const page = await openApp(env, { projects: [PODCAST], sourceVideo: "/home/editor/Videos/keynote-v2.mp4", sourceMoved: moved });
  await openProjectByTyping(page, PROJECT_ID);
  await page.getByRole("button", { name: "Selects on my source video…" }).click();
  const status = page.locator("#selects-status");
  await status.getByText(`The video this project was made from was not used: ${moved}`).waitFor();
  await status.getByText("Selects of every clip written", { exact: false }).waitFor();
  await closePage(page);
});
