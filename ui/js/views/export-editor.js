// @ts-check
// "Into your editor" on an export card: drag every finished clip at once, write a
// timeline in each format the shell's catalog lists (Premiere / Resolve, Final Cut, EDL,
// OTIO) beside the clips, and drag the timeline files written.

import { invoke } from "../ipc.js";
import { explain } from "../errors.js";
import { announce } from "../a11y.js";
import { h, labelWithContext, setText } from "../dom.js";
import { bindNativeDrag } from "../native-drag.js";
import { app } from "../state.js";

/** @typedef {import("../../types/shell.js").ExportView} ExportView */
/** @typedef {import("../../types/shell.js").TimelineFileView} TimelineFileView */

/**
 * @param {any} section the card's editor section, from its template
 * @param {() => ExportView} currentView
 */
export function createEditorSection(section, currentView) {
  const error = section.querySelector(".export-editor-error");
  const files = section.querySelector(".timeline-files");
  const dragAll = section.querySelector(".drag-all");
  const buttons = app.catalog.timelineFormats.map(({ id, shortLabel }) =>
    h("button", { type: "button", "data-timeline": id, "data-label": `${shortLabel} timeline` }),
  );
  dragAll.after(...buttons);
  /** format → file written from this card since the view last came from the shell */
  const written = new Map();
  const showError = (message) => {
    setText(error, message);
    error.hidden = !message;
  };

  bindNativeDrag(dragAll, "export_drag_all", () => ({ exportId: currentView().id }), showError);
  for (const button of buttons) {
    button.addEventListener("click", async () => {
      showError("");
      button.disabled = true;
      try {
        const file = await invoke("timeline_write", { exportId: currentView().id, format: button.dataset.timeline });
        written.set(file.format, file);
        paint();
        const where = file.shownInFolder ? "It is shown in its folder." : "It is in the download folder, beside the clips.";
        announce(`${file.label} written: ${file.name}. ${where}`);
      } catch (err) {
        showError(explain(err));
      } finally {
        button.disabled = false;
      }
    });
  }

  function paint() {
    const view = currentView();
    const done = view.downloads.filter((d) => d.state === "done").length;
    section.hidden = done === 0;
    const title = view.projectName || view.projectId || `Export ${view.id}`;
    const context = `(${title}, export ${view.id})`;
    labelWithContext(dragAll, done === 1 ? "Drag the clip" : `Drag all ${done} clips`, context);
    for (const button of buttons) labelWithContext(button, button.dataset.label, context);
    const byFormat = new Map((view.timelines ?? []).map((file) => [file.format, file]));
    for (const [format, file] of written) byFormat.set(format, file);
    paintFiles([...byFormat.values()]);
  }

  /** @param {TimelineFileView[]} timelines */
  function paintFiles(timelines) {
    files.replaceChildren(
      ...timelines.map((file) => {
        const handle = h("span", {
          class: "drag-handle",
          draggable: "true",
          "aria-hidden": "true",
          title: "Drag into your editor",
        });
        bindNativeDrag(handle, "timeline_drag", () => ({ exportId: currentView().id, format: file.format }), showError);
        return h(
          "li",
          { class: "timeline-file", "data-format": file.format },
          handle,
          h("span", { class: "timeline-name", text: `${file.label}: ${file.name}` }),
        );
      }),
    );
    files.hidden = timelines.length === 0;
  }

  return { paint };
}
