// Opening a project by id or pasted text/URL, and the list of recent projects.

import { invoke } from "../ipc.js";
import { app } from "../state.js";
import { emit, on } from "../bus.js";
import { byId, h, showFieldError, setText } from "../dom.js";
import { explain } from "../errors.js";
import { formatAgo, formatDuration, plural } from "../format.js";
import { announce } from "../a11y.js";

const KIND_NAMES = { ai_clipping: "AI Clipping", find_moments: "Find Moments" };

export function initProject() {
  byId("open-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = byId("open-input").value.trim();
    if (!input) {
      showFieldError(byId("open-error"), "Paste a project id, or a link or text that contains one.");
      byId("open-input").focus();
      return;
    }
    openProject(input);
  });
  on("project-opened", showProjectHeader);
}

let openSeq = 0;

/** Opens a project; resolves to the Project, or null when it could not be opened. */
export async function openProject(input) {
  const seq = ++openSeq;
  const button = byId("open-button");
  const status = byId("project-status");
  showFieldError(byId("open-error"), "");
  button.disabled = true;
  setText(button, "Opening…");
  status.hidden = false;
  status.classList.remove("is-error");
  setText(status, "Loading the project's clips…");
  byId("project-area").setAttribute("aria-busy", "true");
  try {
    const project = await invoke("project_open", { input });
    if (seq !== openSeq) return null;
    app.project = project;
    app.selection.clear();
    status.hidden = true;
    byId("project-area").hidden = false;
    emit("project-opened", project);
    announce(`Opened ${projectLabel(project)}: ${plural(project.clips.length, "clip")}.`);
    loadRecent();
    return project;
  } catch (err) {
    if (seq !== openSeq) return null;
    const hasProject = Boolean(app.project);
    status.hidden = hasProject;
    setText(status, hasProject ? "" : "Open a project to see its clips.");
    showFieldError(byId("open-error"), explain(err));
    emit("command-failed", err);
    byId("open-input").focus();
    return null;
  } finally {
    if (seq === openSeq) {
      button.disabled = false;
      setText(button, "Open");
      byId("project-area").removeAttribute("aria-busy");
    }
  }
}

export function projectLabel(project) {
  return project.name || project.projectId;
}

function showProjectHeader(project) {
  setText(byId("project-title"), projectLabel(project));
  const facts = [KIND_NAMES[project.kind] ?? project.kind, plural(project.clips.length, "clip")];
  if (project.sourceDurationMs != null) facts.push(`source ${formatDuration(project.sourceDurationMs)} or longer`);
  if (project.name) facts.push(project.projectId);
  setText(byId("project-meta"), facts.join(" · "));
  byId("open-input").value = "";
}

/** Fills the recent-projects list; failures leave a message and a way to retry. */
export async function loadRecent() {
  const list = byId("recent-list");
  const status = byId("recent-status");
  let recent;
  try {
    recent = await invoke("recent_projects");
  } catch (err) {
    list.replaceChildren();
    status.hidden = false;
    status.replaceChildren(
      `Recent projects could not be loaded: ${explain(err)} `,
      h("button", { type: "button", onclick: loadRecent, text: "Try again" }),
    );
    return;
  }
  status.hidden = recent.length > 0;
  setText(status, recent.length ? "" : "No projects yet. Paste a project id above: the ones you open appear here.");
  const now = Date.now();
  list.replaceChildren(
    ...recent.map((item) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: "recent-item",
            "aria-current": app.project?.projectId === item.projectId ? "true" : null,
            onclick: () => openProject(item.projectId),
          },
          h("span", { class: "recent-name", text: item.name || item.projectId }),
          h("span", {
            class: "recent-meta",
            text: [KIND_NAMES[item.kind] ?? item.kind, formatAgo(item.openedAt, now)].filter(Boolean).join(" · "),
          }),
        ),
      ),
    ),
  );
}
