// "New project from your own video": the form refuses what the shell would, a link becomes
// a Find Moments project whose upload and clips are shown as they come and which then
// opens, a closed file dialog does nothing, and a failed project says the vendor's words.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startBrowser, openApp, closePage, callsOf, visibleTitles } from "./harness.js";
import { PODCAST, PROJECT_ID, FOUND, uploadProgress, videoDropped } from "./fixtures.js";

let env;
before(async () => (env = await startBrowser()));
after(() => env.close());

async function openForm(page) {
  await page.getByText("New project from your own video").click();
  await page.getByLabel("Link to a video page").waitFor();
}

test("the form refuses a bad link, an empty query and a clip count out of range without a call", async () => {
  const page = await openApp(env, { projects: [] });
  await openForm(page);
  const lengths = await page.getByLabel("Clip length").locator("option").allTextContents();
  assert.deepEqual(lengths, ["Up to 30 s", "Up to 90 s", "30 to 60 s", "60 to 90 s", "90 s to 3 min", "3 to 5 min"]);
  assert.equal(await page.getByLabel("Clip length").inputValue(), "0-90", "the vendor's default");
  const create = page.getByRole("button", { name: "Create project…" });
  const error = page.locator("#new-error");

  await page.getByLabel("Link to a video page").fill("ftp://example.com/talk.mp4");
  await create.click();
  await error.getByText("starts with https://", { exact: false }).waitFor();

  await page.getByLabel("Link to a video page").fill("https://www.youtube.com/watch?v=abc");
  await page.getByLabel("Find Moments: what you describe").check();
  await create.click();
  await error.getByText("Say what to find", { exact: false }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "new-query");

  await page.getByLabel("What to find").fill("the laughs");
  await page.getByLabel("At most this many clips").fill("501");
  await create.click();
  await error.getByText("from 1 to 500", { exact: false }).waitFor();
  assert.equal((await callsOf(page, "project_create")).length, 0);
  await closePage(page);
});

test("a pasted link becomes a Find Moments project whose clips are counted as they come, then it opens", async () => {
  const page = await openApp(env, { projects: [] });
  await openForm(page);
  await page.getByLabel("Link to a video page").fill("https://www.youtube.com/watch?v=abc");
  await page.getByLabel("Find Moments: what you describe").check();
  assert.equal(await page.getByLabel("Clip length").isVisible(), false, "Find Moments takes no clip length");
  await page.getByLabel("What to find").fill("the laughs");
  await page.getByLabel("At most this many clips").fill("3");
  await page.getByLabel("Clip titles in").selectOption("es");
  await page.getByRole("button", { name: "Create project…" }).click();
  const status = page.locator("#new-status-text");
  await status.getByText("Asking WayinVideo", { exact: false }).waitFor();
  assert.deepEqual((await callsOf(page, "project_create")).map((c) => c.args), [
    {
      input: {
        link: "https://www.youtube.com/watch?v=abc",
        dropped: false,
        moments: "the laughs",
        length: null,
        maxClips: 3,
        sourceLang: null,
        lang: "es",
        name: null,
      },
    },
  ]);

  await page.evaluate((found) => {
    const creation = window.__mock.creations()[0];
    Object.assign(creation, { state: "running", projectId: "proj_8Fq2kLm", clipsFound: found.length, found });
    window.__mock.emit({ type: "creation_updated", creation });
  }, FOUND);
  await status.getByText("Finding clips: 2 clips found so far.").waitFor();
  assert.deepEqual(await page.getByRole("list", { name: "Clips found so far" }).locator("li").allTextContents(), [
    "The big laugh · 0:42 · score 95",
    "A smaller one · 1:05 · score 72",
  ]);

  await page.evaluate((project) => {
    window.__mock.addProject(project);
    const creation = window.__mock.creations()[0];
    Object.assign(creation, { state: "succeeded", clipsFound: project.clips.length });
    window.__mock.emit({ type: "creation_updated", creation });
  }, PODCAST);
  await page.getByRole("heading", { name: PODCAST.name }).waitFor();
  assert.deepEqual((await callsOf(page, "project_open")).map((c) => c.args), [{ input: PROJECT_ID }]);
  assert.equal((await visibleTitles(page)).length, PODCAST.clips.length);
  await closePage(page);
});

test("a chosen file shows its upload with speed and time left, and Cancel stops it", async () => {
  const page = await openApp(env, { projects: [], sourceVideo: "/home/editor/Videos/keynote.mp4" });
  await openForm(page);
  await page.getByRole("button", { name: "Create project…" }).click();
  const status = page.locator("#new-status-text");
  await status.getByText("Uploading keynote.mp4", { exact: false }).waitFor();
  await page.evaluate(
    (event) => window.__mock.emit(event),
    uploadProgress({ creationId: 1, bytesDone: 50_000_000, total: 200_000_000, bytesPerSec: 25_000_000, etaSecs: 6 }),
  );
  await status.getByText("Uploading: 50", { exact: false }).waitFor();
  assert.match(await status.textContent(), /of 200.*\/s · 6 s left/);
  assert.equal(await page.locator("#new-progress").getAttribute("value"), "50000000");
  await page.getByRole("button", { name: "Cancel upload" }).click();
  await status.getByText("Cancelled: nothing was created.").waitFor();
  assert.deepEqual((await callsOf(page, "creation_cancel")).map((c) => c.args), [{ id: 1 }]);
  await closePage(page);
});

test("a closed file dialog creates nothing and says nothing, and a failed project says why", async () => {
  const page = await openApp(env, { projects: [] });
  await openForm(page);
  await page.getByRole("button", { name: "Create project…" }).click();
  await page.waitForFunction(() => !document.getElementById("new-button").disabled);
  assert.equal((await page.locator("#new-status-text").textContent()).trim(), "");
  assert.equal(await page.locator("#new-error").isVisible(), false);

  await page.getByLabel("Link to a video page").fill("https://vimeo.com/1");
  await page.getByRole("button", { name: "Create project…" }).click();
  await page.locator("#new-status-text").getByText("Asking WayinVideo", { exact: false }).waitFor();
  await page.evaluate(() => {
    const creation = window.__mock.creations()[0];
    Object.assign(creation, { state: "failed", problem: "project_failed", message: "The link could not be fetched" });
    window.__mock.emit({ type: "creation_updated", creation });
  });
  await page.locator("#new-error").getByText("WayinVideo could not make the project: The link could not be fetched").waitFor();
  await closePage(page);
});

test("a video dropped on the window opens the form and is what Create project uploads", async () => {
  const page = await openApp(env, { projects: [], droppedVideo: "interview.mov" });
  await page.evaluate((event) => window.__mock.emit(event), videoDropped("interview.mov"));
  await page.getByText("interview.mov, dropped on the window, will be uploaded.").waitFor();
  assert.equal(await page.getByLabel("Link to a video page").isDisabled(), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), "new-button");
  await page.getByRole("button", { name: "Create project…" }).click();
  await page.locator("#new-status-text").getByText("Uploading interview.mov", { exact: false }).waitFor();
  const [call] = await callsOf(page, "project_create");
  assert.equal(call.args.input.dropped, true);
  assert.equal(call.args.input.link, null);
  assert.equal(await page.locator("#new-dropped").isVisible(), false, "the drop is used once");
  await closePage(page);
});
