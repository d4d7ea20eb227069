// The stand-in backend's export previews and file names, as the shell makes them: the request
// body (ExportOptions::to_request), its one-line summary and warnings (wayin-api's
// request/summary.rs) and the file-name template (the engine's naming). The page's forms ask
// for a preview on every change, so these answer any options; `recorded.js` holds the shell's
// own answers to a table of them, and contract.test.js expects these to match it to the letter.

import { IpcError } from "./ipc.js";
import { CATALOG } from "./mock-catalog.js";

const labelOf = (list, value) => list.find((entry) => entry.value === value)?.label;

/** The shell's two refusals of options the form lets through, with the option each names. */
export function refuseOptions(options) {
  if (options.reframe === "") {
    throw new IpcError("invalid_request", "AI reframe needs a ratio (9:16, 1:1, 4:5 or 16:9).", "reframe");
  }
  const style = options.captions?.style;
  if (style && !/^[a-z0-9-]+$/.test(style)) {
    throw new IpcError(
      "invalid_request",
      `${JSON.stringify(style)} is not a caption style id: use lowercase letters, digits and dashes (for example temp-7).`,
      "captions.style",
    );
  }
}

/** The body POST /clips/export would carry: the three switches always, details only when on. */
export function requestBody(projectId, clips, options) {
  refuseOptions(options);
  const body = {
    project_id: projectId,
    resolution: options.resolution ?? CATALOG.defaults.resolution,
    enable_caption: Boolean(options.captions),
    enable_ai_hook: Boolean(options.hook),
    enable_ai_reframe: Boolean(options.reframe),
  };
  if (clips) body.clip_indices = clips;
  if (options.targetLang) body.target_lang = options.targetLang;
  if (options.captions) {
    body.caption_display = options.captions.display;
    if (options.captions.style) body.cc_style_tpl = options.captions.style;
  }
  if (options.hook) {
    const { style, position, keywords, durationMs } = options.hook;
    if (style) body.ai_hook_script_style = style;
    if (position) body.ai_hook_position = position;
    if (keywords) body.ai_hook_keywords = keywords;
    if (durationMs != null) body.ai_hook_text_duration = durationMs;
  }
  if (options.reframe) body.ratio = options.reframe;
  return body;
}

/** `2 clips of Podcast · 4K · reframed to 1:1`. */
export function summaryOf(project, clips, options) {
  const count = project?.clips.length;
  const chosen =
    clips ? (clips.length === 1 ? "1 clip" : `${clips.length} clips`)
    : count === 1 ? "The only clip"
    : count != null ? `All ${count} clips`
    : "All clips";
  const name = project?.name ?? project?.projectId;
  const parts = [labelOf(CATALOG.resolutions, options.resolution ?? CATALOG.defaults.resolution)];
  if (options.targetLang) {
    const language = CATALOG.languages.find((each) => each.code === options.targetLang);
    parts.push(`translated to ${language?.name ?? options.targetLang}`);
  }
  if (options.captions) {
    const style = options.captions.style ? `, style ${options.captions.style}` : "";
    parts.push(`captions: ${options.captions.display}${style}`);
  }
  if (options.hook) {
    const { style, position, durationMs } = options.hook;
    const details = [style, position && `at the ${position}`, durationMs != null && `${durationMs / 1000} s`].filter(Boolean);
    parts.push(details.length ? `AI hook (${details.join(", ")})` : "AI hook");
  }
  if (options.reframe) parts.push(`reframed to ${labelOf(CATALOG.ratios, options.reframe)}`);
  return `${chosen} of ${name} · ${parts.join(" · ")}`;
}

export function warningsOf(options) {
  const style = options.captions?.style ?? CATALOG.defaults.captionStyle;
  if (options.captions?.display === "both" && !style.startsWith("temp-static-")) {
    return [`Showing both caption lines works reliably only with a temp-static-* style; ${style} may render one line only.`];
  }
  return [];
}

const FIELDS = ["project", "task", "idx", "title", "score", "resolution", "ratio", "date"];

/** The template's pieces: text and `{field:spec}`; refused as the engine refuses it. */
function parseTemplate(template) {
  const pieces = [];
  let text = "";
  for (let at = 0; at < template.length; at++) {
    const char = template[at];
    if ((char === "{" || char === "}") && template[at + 1] === char) {
      text += char;
      at++;
    } else if (char === "{") {
      const end = template.indexOf("}", at);
      if (end < 0) throw unbalanced(at);
      const [name, spec] = template.slice(at + 1, end).split(":");
      if (!FIELDS.includes(name)) {
        throw new IpcError(
          "invalid_template",
          `unknown field {${name}} in the file name template; use one of ${FIELDS.map((f) => `{${f}}`).join(", ")}`,
        );
      }
      pieces.push(text, { name, spec });
      text = "";
      at = end;
    } else if (char === "}") {
      throw unbalanced(at);
    } else {
      text += char;
    }
  }
  return [...pieces, text];
}

const unbalanced = (at) =>
  new IpcError("invalid_template", `unbalanced brace at character ${at} of the file name template; write {{ or }} for a literal brace`);

/** Characters no file name may hold on any of the three systems. */
const safe = (text) => text.replace(/[/\\:*?"<>|]/g, "_");

export function renderName(template, project, clip) {
  const value = ({ name, spec }) => {
    if (name === "project") return project.name ?? project.projectId;
    if (name === "idx") return spec === "02" ? String(clip.idx).padStart(2, "0") : String(clip.idx);
    if (name === "title") return clip.title;
    if (name === "score") return clip.score == null ? "" : String(Math.round(clip.score));
    return name;
  };
  const name = parseTemplate(template)
    .map((piece) => (typeof piece === "string" ? piece : safe(value(piece))))
    .join("");
  return name.endsWith(".mp4") ? name : `${name}.mp4`;
}
