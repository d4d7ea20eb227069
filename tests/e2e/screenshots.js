// Screenshots of the real window for the README. They go to
// target/e2e-screenshots on every run (to look at when a test fails) and to
// docs/screenshots when WAYIN_UPDATE_SCREENSHOTS=1.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO, TARGET_DIR } from "./paths.js";
import { eventually, sleep } from "./wait.js";

/** The README's pictures must stay small enough to commit. */
const MAX_BYTES = 300 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function saveScreenshot(t, win, name) {
  // As a person would see it: from the top, no focus ring, pictures decoded
  // and painted (WebKitGTK's snapshot shows what was last painted, and
  // thumbnails decode asynchronously).
  await win.execute(`
    document.activeElement?.blur();
    window.scrollTo(0, 0);
    for (const el of document.querySelectorAll("form, section")) el.scrollTop = 0;`);
  await eventually(
    () =>
      win.session.executeAsync(`
        const done = arguments[arguments.length - 1];
        const shown = [...document.images].filter((img) =>
          img.getClientRects().length > 0 && img.getBoundingClientRect().top < innerHeight);
        Promise.all(shown.map((img) => img.decode().then(() => img.naturalWidth > 0, () => false)))
          .then((decoded) => requestAnimationFrame(() => requestAnimationFrame(() => done(decoded.every(Boolean)))));`),
    { message: "the window's pictures never finished loading" },
  );
  await sleep(300);
  const png = await snapshotOf(win);
  assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE), "the screenshot is a PNG");
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  assert.ok(width >= 720 && height >= 480, `the whole window was captured (${width}×${height})`);

  const dir = process.env.WAYIN_UPDATE_SCREENSHOTS === "1"
    ? path.join(REPO, "docs", "screenshots")
    : path.join(TARGET_DIR, "e2e-screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  fs.writeFileSync(file, png);
  if (png.length > MAX_BYTES) shrink(file);
  const size = fs.statSync(file).size;
  assert.ok(size <= MAX_BYTES, `${file} is ${Math.round(size / 1024)} KB, over ${MAX_BYTES / 1024} KB`);
  t.diagnostic(`screenshot ${path.relative(REPO, file)}: ${width}×${height}, ${Math.round(size / 1024)} KB`);
}

/**
 * The window's snapshot. WebKitWebDriver takes it after the page's next paint;
 * with WebKit's compositing off (as the app runs on Linux) a page where nothing
 * changes never paints again, and the snapshot never came. So a one-pixel dot
 * in the corner, all but transparent, blinks while it is taken, and goes after.
 */
async function snapshotOf(win) {
  await win.execute(`
    const dot = document.createElement("div");
    dot.id = "snapshot-pulse";
    dot.style.cssText = "position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647";
    let shown = false;
    dot.dataset.timer = String(setInterval(() => {
      shown = !shown;
      dot.style.background = shown ? "rgba(0,0,0,0.01)" : "transparent";
    }, 50));
    document.body.append(dot);`);
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("the window's snapshot did not come within 20 s")), 20_000);
  });
  try {
    return await Promise.race([win.screenshot(), late]);
  } finally {
    clearTimeout(timer);
    await win.execute(`
      const dot = document.getElementById("snapshot-pulse");
      if (dot) {
        clearInterval(Number(dot.dataset.timer));
        dot.remove();
      }`);
  }
}

/** 256 colours without dithering: UI flats stay flat, the file shrinks several times. */
function shrink(file) {
  execFileSync("convert", [file, "-strip", "+dither", "-colors", "256", "-define", "png:compression-level=9", file]);
}
