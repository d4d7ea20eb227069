// Steps a video editor takes in the window, shared by the tests: open a
// project, pick clips, export, wait for the files.

import assert from "node:assert/strict";
import path from "node:path";
import { eventually } from "./wait.js";

/** Opens a project by typing its id, the way a person pastes it; waits for its clips. */
export async function openProject(win, projectId, { expectClips = true } = {}) {
  await win.fill("Project id or link", projectId);
  await win.clickButton("Open");
  if (expectClips) await win.get("list", "Clips", { timeout: 20_000 });
}

/** Ticks the clips named by `titles` in the grid (each card is a toggle button named by its title). */
export async function pickClips(win, titles) {
  for (const title of titles) {
    const card = await win.button(title);
    await win.press(card);
    await eventually(async () => (await card.attribute("aria-pressed")) === "true", {
      message: `the clip "${title}" did not show as selected`,
    });
  }
}

/**
 * Presses "Export N clips" once the form's "Will be sent" summary speaks of
 * those `count` clips, as a person reads what goes out before sending it.
 * The summary's answer changes the form's height, so pressing before it lands
 * could hit the line that moved under the pointer.
 */
export async function sendExport(win, count) {
  const clips = `${count} clip${count === 1 ? "" : "s"}`;
  await eventually(
    () =>
      win.execute(
        `const summary = document.getElementById("export-summary");
         return !summary.closest("[aria-busy]") && summary.textContent.startsWith(arguments[0]);`,
        clips,
      ),
    { message: `the summary never spoke of ${clips}` },
  );
  await win.clickButton(`Export ${clips}`);
}

/** The export card (a list item labelled by its title) of the newest export, once shown. */
export async function newestExportCard(win, { timeout = 20_000 } = {}) {
  return eventually(
    async () => {
      const card = await win.execute(`return document.querySelector("#exports-list > li.export:not([hidden])");`);
      if (card) return card;
      // Said on failure: what the person would be looking at instead of the card.
      const seen = await win.execute(`
        const shown = (id) => { const el = document.getElementById(id); return el && !el.hidden ? el.textContent.trim() : null; };
        const submit = document.getElementById("export-submit");
        return JSON.stringify({
          view: document.querySelector("section.view:not([hidden])")?.id ?? null,
          submit: submit ? submit.textContent.trim() + (submit.disabled ? " (disabled)" : "") : null,
          formError: shown("export-error"),
          summary: shown("export-summary"),
          exportsStatus: shown("exports-status"),
        });`);
      throw new Error(seen);
    },
    { timeout, message: "no export appeared in Exports" },
  );
}

/** The text a person reads on an export card, spaces collapsed. */
export async function cardText(card) {
  return (await card.text()).replace(/\s+/g, " ").trim();
}

/**
 * Waits until the export card says every one of `count` clips is downloaded
 * and shows "Done"; returns the card's text.
 */
export async function waitForDownloads(win, count, { timeout = 60_000 } = {}) {
  const card = await newestExportCard(win);
  const wanted = `${count} of ${count} clip${count === 1 ? "" : "s"} downloaded`;
  return eventually(
    async () => {
      const text = await cardText(card);
      return text.includes(wanted) && text.includes("Done") ? text : null;
    },
    { timeout, interval: 250, message: `the export never showed "${wanted}" and "Done"` },
  );
}

/** The download folder, read where a person finds it: Settings → Download folder. */
export async function downloadFolder(win) {
  await win.goTo("Settings");
  const region = await win.get("region", "Download folder");
  const shown = await eventually(
    async () => {
      const text = (await (await region.find("css selector", "code")).text()).trim();
      return text && text !== "—" ? text : null;
    },
    { message: "Settings never showed the download folder" },
  );
  assert.ok(path.isAbsolute(shown), `the download folder is a full path: ${shown}`);
  return shown;
}
