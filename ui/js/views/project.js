// @ts-check
// Opening a project by id or pasted text/URL, the list of recent projects, and
// in demo mode the demo's own projects.

import { invoke } from "../ipc.js";
import { app, setShared } from "../state.js";
import { emit, on } from "../bus.js";
import { byId, h, showFieldError, setText } from "../dom.js";
import { explain } from "../errors.js";
import { formatAgo, formatDuration, plural } from "../format.js";
import { announce } from "../a11y.js";
import { TOPICS } from "../topics.js";
import { latestAnswer } from "../latest.js";

/** @typedef {import("../../types/shell.js").ProjectView} ProjectView */
/** @typedef {import("../../types/shell.js").DemoProjectView} DemoProjectView */

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
  on(TOPICS.projectOpened, showProjectHeader);
  on(TOPICS.projectOpened, markCurrentDemoProject);
}

const opens = latestAnswer();

/**
 * Opens a project; resolves to the Project, or null when it could not be opened.
 * @param {string} input
 * @returns {Promise<ProjectView | null>}
 */
export async function openProject(input) {
  const isLatest = opens.begin();
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
    if (!isLatest()) return null;
    app.selection.clear();
    status.hidden = true;
    byId("project-area").hidden = false;
    setShared("project", project);
    announce(`Opened ${projectLabel(project)}: ${plural(project.clips.length, "clip")}.`);
    loadRecent();
    return project;
  } catch (err) {
    if (!isLatest()) return null;
    const hasProject = Boolean(app.project);
    status.hidden = hasProject;
    setText(status, hasProject ? "" : "Open a project to see its clips.");
    showFieldError(byId("open-error"), explain(err));
    emit(TOPICS.commandFailed, err);
    byId("open-input").focus();
    return null;
  } finally {
    if (isLatest()) {
      button.disabled = false;
      setText(button, "Open");
      byId("project-area").removeAttribute("aria-busy");
    }
  }
}

/** @param {ProjectView} project */
export function projectLabel(project) {
  return project.name || project.projectId;
}

/** @param {ProjectView} project */
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

/**
 * In demo mode, lists the projects the demo knows, each a button that opens it;
 * nothing outside demo mode. Failures leave a message and a way to retry.
 */
export async function loadDemoProjects() {
  const section = byId("demo-projects");
  if (!app.info?.demo) {
    section.hidden = true;
    return;
  }
  const list = byId("demo-list");
  const status = byId("demo-projects-status");
  let projects;
  try {
    projects = await invoke("demo_projects");
  } catch (err) {
    list.replaceChildren();
    section.hidden = false;
    status.hidden = false;
    status.replaceChildren(
      `The demo projects could not be loaded: ${explain(err)} `,
      h("button", { type: "button", onclick: loadDemoProjects, text: "Try again" }),
    );
    return;
  }
  status.hidden = true;
  status.replaceChildren();
  section.hidden = projects.length === 0;
  list.replaceChildren(...projects.map(demoProjectItem));
  markCurrentDemoProject(app.project);
}

/** @param {DemoProjectView} project */
function demoProjectItem(project) {
  const picture = h("span", { class: "demo-thumb" });
  if (project.thumbnail) {
    picture.append(
      h("img", {
        src: project.thumbnail,
        alt: "",
        width: 128,
        height: 72,
        onerror: () => picture.classList.add("no-thumb"),
      }),
    );
  } else {
    picture.classList.add("no-thumb");
  }
  return h(
    "li",
    {},
    h(
      "button",
      {
        type: "button",
        class: "demo-item",
        "data-project-id": project.projectId,
        onclick: () => openProject(project.projectId),
      },
      picture,
      h(
        "span",
        { class: "demo-text" },
        h("span", { class: "demo-name", text: project.name || project.projectId }),
        h("span", {
          class: "demo-meta",
          text: `${KIND_NAMES[project.kind] ?? project.kind} · ${plural(project.clipCount, "clip")}`,
        }),
      ),
    ),
  );
}

/** @param {ProjectView | null} project */
function markCurrentDemoProject(project) {
  for (const button of byId("demo-list").querySelectorAll("button.demo-item")) {
    if (project?.projectId === button.dataset.projectId) button.setAttribute("aria-current", "true");
    else button.removeAttribute("aria-current");
  }
}
