// Serves ui/ over http on 127.0.0.1 with the app's own CSP, putting the mock
// backend where js/ipc.js would be. ES modules need http: file:// will not do.

import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const uiRoot = path.join(repo, "ui");

/** Page paths served from the test backend instead of ui/: the IPC mock and the catalog it answers with. */
const MOCKED = { "/js/ipc.js": "mock-ipc.js", "/js/mock-catalog.js": "catalog.js", "/js/mock-preview.js": "mock-preview.js" };

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

/** The CSP the app window runs under, so a page that breaks it fails here too. */
async function appCsp() {
  const conf = JSON.parse(await fs.readFile(path.join(repo, "src-tauri/tauri.conf.json"), "utf8"));
  // Written as a directive map, as Tauri accepts it; sent as one header.
  return Object.entries(conf.app.security.csp)
    .map(([directive, sources]) => `${directive} ${[sources].flat().join(" ")}`)
    .join("; ");
}

/** A small coloured picture standing in for a clip thumbnail. */
function thumbnail(n) {
  const hue = (Number.parseInt(n, 10) * 47) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="hsl(${hue} 60% 45%)"/></svg>`;
}

export async function startServer() {
  const csp = await appCsp();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let pathname = decodeURIComponent(url.pathname);
    if (pathname === "/") pathname = "/index.html";
    // Cached: the files do not change during a run, and every test opens a fresh page.
    const headers = { "Content-Security-Policy": csp, "Cache-Control": "max-age=600" };

    const thumb = pathname.match(/^\/test-media\/thumb\/(\d+)\.svg$/);
    if (thumb) {
      res.writeHead(200, { ...headers, "Content-Type": TYPES[".svg"] });
      res.end(thumbnail(thumb[1]));
      return;
    }
    const mocked = MOCKED[pathname];
    const file = mocked ? path.join(here, mocked) : path.join(uiRoot, pathname);
    if (!mocked && !file.startsWith(uiRoot + path.sep)) {
      res.writeHead(403, headers).end();
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { ...headers, "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
