// Updates in the real window: a release server on loopback announces a newer version, and
// the window offers it at start and shows its notes in Settings.

import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { Profile, launchApp } from "./app.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";

const OPTIONS = { skip: SKIP_OUTSIDE_SESSION, timeout: 120_000 };
// Nothing is downloaded in this test, so nothing is verified with it: a release key's public
// half only has to be there for the app to look for updates at all.
const PUBKEY = Buffer.from("untrusted comment: minisign public key: 0\nRWQAAAAAAAAAAA==\n").toString("base64");

/** Serves `manifest` at /latest.json and keeps each request's path and headers. */
async function startReleaseServer(manifest) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push({ path: req.url, headers: req.headers });
    if (req.url !== "/latest.json") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(manifest));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/latest.json`, requests, close: () => server.close() };
}

// Tried: the demo started with a release server announcing 9.0.0 with two lines of notes.
// The window must offer the version in its banner at start without being asked, and
// "See what's new" must open Settings on the offer with the notes as written; the server
// must have been asked once, for the manifest only, with no key in any header.
test("a newer version announced at start is offered in the window with its notes", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const server = await startReleaseServer({
    version: "9.0.0",
    notes: "Faster downloads.\nCaptions in Hindi.",
    pub_date: "2026-12-01T10:00:00Z",
    platforms: { "linux-x86_64": { url: "http://127.0.0.1:9/app.AppImage", signature: "c2ln" } },
  });
  defer(() => server.close());
  const profile = new Profile("updates");
  defer(() => profile.remove());
  const app = await launchApp(profile, {
    args: ["--demo"],
    env: { WAYIN_UPDATE_MANIFEST: server.url, WAYIN_UPDATE_PUBKEY: PUBKEY },
  });
  defer(() => app.close());
  const win = app.window;

  await win.waitForText("Wayin Clip Exporter 9.0.0 is available.", { timeout: 20_000 });
  await win.clickButton("See what's new");
  await win.get("heading", "Version 9.0.0 is available", { exact: false });
  const notes = await win.execute("return document.getElementById('update-notes').innerText;");
  assert.equal(notes, "Faster downloads.\nCaptions in Hindi.");
  // Not run from an AppImage, the Linux build is one a package manager installed.
  assert.equal(await win.has("button", "Install and restart"), false);
  await win.waitForText("This copy was installed by your system's package manager: get the new package from", { timeout: 5_000 });

  assert.deepEqual(server.requests.map((r) => r.path), ["/latest.json"]);
  for (const { headers } of server.requests) {
    assert.deepEqual(Object.keys(headers).filter((name) => !["host", "user-agent", "accept", "accept-encoding", "connection"].includes(name)), []);
  }
});
