// Light and dark: the page follows the desktop's theme. The README's
// screenshots come from these runs, taken from the real window.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Profile, launchApp } from "./app.js";
import { openProject, pickClips, sendExport, waitForDownloads } from "./journeys.js";
import { webProcessVariable } from "./processes.js";
import { saveScreenshot } from "./screenshots.js";
import { SKIP_OUTSIDE_SESSION, useDesktop } from "./session.js";

const OPTIONS = { skip: SKIP_OUTSIDE_SESSION, timeout: 180_000 };
const CLIPS = [
  "The pricing mistake that almost sank us",
  "Burnout is a systems problem, not a you problem 🔥",
  "Remote work: what actually changed",
];

/** What the page believes about the theme, and how dark its background really is (0 black … 1 white). */
function pageTheme(win) {
  return win.execute(`
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
    return { prefersDark: matchMedia("(prefers-color-scheme: dark)").matches,
             luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 };`);
}

/** A demo project with three clips chosen and a 4K, captioned, 9:16 render set up. */
async function composeExport(win) {
  await openProject(win, "proj_demo_podcast");
  await pickClips(win, CLIPS);
  await win.choose("Resolution", "UHD_4K");
  await win.setSwitch("Animated captions", true);
  await win.choose("Caption style", "temp-static-2");
  await win.setSwitch("AI reframe", true);
  await win.choose("Aspect ratio", "RATIO_9_16");
  await win.get("button", "Export 3 clips");
}

// Tried: the demo under the default (light) GTK theme. The page must not
// report a dark preference and must paint a light background; then an export
// of three clips runs to the end so the Exports view shows real downloads.
// It is also drawn without WebKit's compositor (src-tauri/src/rendering.rs),
// which the app turns off before WebKit's web process starts, so that process
// must have inherited the switch.
test("under a light desktop theme the window is light", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const profile = new Profile("light");
  defer(() => profile.remove());
  const app = await launchApp(profile, { args: ["--demo"], env: { GTK_THEME: "Adwaita" } });
  defer(() => app.close());
  const win = app.window;

  const theme = await pageTheme(win);
  assert.equal(theme.prefersDark, false);
  assert.ok(theme.luminance > 0.8, `a light background (luminance ${theme.luminance.toFixed(2)})`);
  assert.equal(webProcessVariable(app.launch, "WEBKIT_DISABLE_COMPOSITING_MODE"), "1");

  await composeExport(win);
  await saveScreenshot(t, win, "main-light");
  await sendExport(win, 3);
  await waitForDownloads(win, 3, { timeout: 90_000 });
  await saveScreenshot(t, win, "exports");
});

// Tried: the same under GTK's dark Adwaita (GTK_THEME=Adwaita:dark, as a
// desktop in dark mode sets it). WebKitGTK must pass it on as
// prefers-color-scheme: dark, and the page must paint a dark background.
test("under a dark desktop theme the window is dark", OPTIONS, async (t) => {
  const defer = await useDesktop(t);
  const profile = new Profile("dark");
  defer(() => profile.remove());
  const app = await launchApp(profile, { args: ["--demo"], env: { GTK_THEME: "Adwaita:dark" } });
  defer(() => app.close());
  const win = app.window;

  const theme = await pageTheme(win);
  assert.equal(theme.prefersDark, true, "prefers-color-scheme follows the desktop");
  assert.ok(theme.luminance < 0.2, `a dark background (luminance ${theme.luminance.toFixed(2)})`);

  await composeExport(win);
  await saveScreenshot(t, win, "main-dark");
});
