// @ts-check
// "Selects on my source video…": timelines that cut the project's clips out of the
// editor's own original video. The shell asks for the file; nothing is rendered.
// The status below the button is a live region: what it says is read out.

import { invoke } from "../ipc.js";
import { app } from "../state.js";
import { byId, h } from "../dom.js";
import { explain } from "../errors.js";

export function initSelects() {
  byId("selects-write").addEventListener("click", writeSelects);
}

async function writeSelects() {
  const project = app.project;
  if (!project) return;
  const button = byId("selects-write");
  const status = byId("selects-status");
  const clips = app.selection.size ? app.selection.sorted() : null;
  button.disabled = true;
  status.replaceChildren(h("p", { class: "hint", text: "Choose your original video in the window that opened…" }));
  try {
    const result = await invoke("selects_write", { projectId: project.projectId, clips });
    const moved = result.sourceMoved
      ? [h("p", { class: "hint", text: `The video this project was made from was not used: ${result.sourceMoved}` })]
      : [];
    if (result.cancelled) {
      status.replaceChildren(...moved);
      return;
    }
    const what = clips ? `${clips.length} selected clip${clips.length === 1 ? "" : "s"}` : "every clip";
    const written = `Selects of ${what} written to your download folder: ${result.files.map((f) => f.name).join(", ")}.`;
    status.replaceChildren(
      ...moved,
      h("p", { class: "progress-note", text: written }),
      ...result.skipped.map((line) => h("p", { class: "field-error", text: line })),
    );
  } catch (err) {
    status.replaceChildren(h("p", { class: "field-error", role: "alert", text: `No selects written: ${explain(err)}` }));
  } finally {
    button.disabled = false;
  }
}
