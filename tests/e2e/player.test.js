// The built-in player: a finished clip plays and seeks in the window, streamed
// from the app's loopback server, never read whole into the page's memory.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { Profile, launchApp } from "./app.js";
import { startFakeApi } from "./fake-api.js";
import { downloadFolder, newestExportCard, openProject, pickClips, sendExport, waitForDownloads } from "./journeys.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";
import { eventually } from "./wait.js";

const OPTIONS = { skip: SKIP_OUTSIDE_SESSION, timeout: 180_000 };
const PROJECT = "proj_demo_podcast";
const TITLE = "The pricing mistake that almost sank us";

/** What the card's player shows: where it streams from, how far it got, any error. */
function playerState(win, card) {
  return win.execute(
    `const video = arguments[0].querySelector("video.download-player");
     return { src: video.currentSrc, srcAttribute: video.getAttribute("src"), hidden: video.hidden, ready: video.readyState, duration: video.duration,
              time: video.currentTime, seeking: video.seeking, error: video.error && video.error.code,
              said: [...arguments[0].querySelectorAll(".download-error:not([hidden])")].map((el) => el.textContent) };`,
    card,
  );
}

// Tried: one exported clip, played with the card's Play button, then sought
// to its middle. The player must stream from 127.0.0.1 (not a blob: copy),
// reach its metadata and finish the seek with no error. The same URL, asked
// for by another program, must give the file's own bytes for a range; with the
// token changed, or from a page that names another host, it must give nothing.
test("a finished clip plays and seeks, streamed from the loopback server", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const fake = await startFakeApi();
  defer(() => fake.stop());
  const profile = new Profile("player");
  defer(() => profile.remove());
  const app = await launchApp(profile, { env: { WAYIN_API_BASE: fake.baseUrl, WAYIN_API_KEY: fake.apiKey } });
  defer(() => app.close());
  const win = app.window;

  await openProject(win, PROJECT);
  await pickClips(win, [TITLE]);
  await sendExport(win, 1);
  await waitForDownloads(win, 1);
  const card = await newestExportCard(win);
  const [fileName] = fs.readdirSync(await downloadFolder(win)).filter((name) => name.endsWith(".mp4"));
  const file = path.join(await downloadFolder(win), fileName);

  await win.goTo("Exports");
  await win.clickButton(`Play ${fileName}`);
  const playing = await eventually(
    async () => {
      const state = await playerState(win, card);
      if (state.error || state.said.length) throw new Error(JSON.stringify(state));
      return state.ready >= 1 && state.duration > 0 ? state : null;
    },
    { timeout: 20_000, message: "the player never read the clip's metadata" },
  );
  assert.match(playing.src, /^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/live\/\d+\.mp4$/, "streamed from the loopback server, naming its mode");

  await win.execute(`arguments[0].querySelector("video.download-player").currentTime = arguments[1];`, card, playing.duration / 2);
  const sought = await eventually(
    async () => {
      const state = await playerState(win, card);
      if (state.error) throw new Error(JSON.stringify(state));
      return !state.seeking && state.time > 0 ? state : null;
    },
    { timeout: 20_000, message: "the seek never finished" },
  );
  assert.ok(Math.abs(sought.time - playing.duration / 2) < 1, `sought to the middle: ${JSON.stringify(sought)}`);

  const bytes = fs.readFileSync(file);
  const ranged = await fetch(playing.src, { headers: { Range: "bytes=100-1099" } });
  assert.equal(ranged.status, 206);
  assert.deepEqual(Buffer.from(await ranged.arrayBuffer()), bytes.subarray(100, 1100), "the range is the file's own bytes");
  const token = playing.src.split("/")[3];
  const wrongToken = playing.src.replace(token, token.replace(/^./, (c) => (c === "0" ? "1" : "0")));
  assert.equal((await fetch(wrongToken)).status, 404, "another token gets nothing");
  assert.equal((await fetch(playing.src.replace("/live/", "/demo/"))).status, 404, "the demo's clip of that number is not the real one");

  await win.clickButton(`Hide player ${fileName}`);
  const closed = await playerState(win, card);
  assert.equal(closed.hidden, true);
  assert.equal(closed.srcAttribute, null, "a closed player lets go of the stream");
});
