// @ts-check
// The export form's values ⇄ the ExportOptions the shell takes (docs/IPC.md).
// Pure. Only the form's own rules live here: gated fields are dropped when
// their switch is off, the hook duration is typed in seconds and sent in
// milliseconds, and "Custom style id…" needs an id typed. The API's rules
// (a ratio with reframe, what a style id may hold) are the shell's: its answer
// names the option it is about (`field`), and FIELD_OF_OPTION puts the message
// beside that field.

/** Value of the caption-style picker that reveals the custom id field; never a valid style id. */
export const CUSTOM_STYLE = "(custom)";

/**
 * The form field showing the shell's verdict on each option (`field` of an
 * invalid_request, its path in ExportOptions). A style id is shown beside the
 * custom id box when that is where it was typed.
 * @param {string} option
 * @param {ExportForm} form
 * @returns {keyof ExportForm | null}
 */
export function fieldOfOption(option, form) {
  switch (option) {
    case "reframe":
      return "ratio";
    case "hook.durationMs":
      return "hookSeconds";
    case "captions.style":
      return form.captionStyle === CUSTOM_STYLE ? "customStyle" : "captionStyle";
    case "captions.display":
      return "captionDisplay";
    case "hook.style":
      return "hookStyle";
    case "hook.position":
      return "hookPosition";
    case "resolution":
    case "targetLang":
      return option;
    default:
      return null;
  }
}

/**
 * The export form's values, as its fields hold them.
 * @typedef {object} ExportForm
 * @property {string} resolution
 * @property {string} targetLang
 * @property {boolean} captionsOn
 * @property {string} captionDisplay
 * @property {string} captionStyle
 * @property {string} customStyle
 * @property {boolean} hookOn
 * @property {string} hookStyle
 * @property {string} hookPosition
 * @property {string} hookKeywords
 * @property {string} hookSeconds
 * @property {boolean} reframeOn
 * @property {string} ratio
 */

/** @typedef {import("../types/shell.js").ExportOptions} ExportOptions */

/** @type {Readonly<ExportForm>} */
export const DEFAULT_FORM = Object.freeze({
  // Empty: the API's default, which the shell's catalog names.
  resolution: "",
  targetLang: "",
  captionsOn: false,
  captionDisplay: "original",
  captionStyle: "",
  customStyle: "",
  hookOn: false,
  hookStyle: "",
  hookPosition: "",
  hookKeywords: "",
  hookSeconds: "",
  reframeOn: false,
  ratio: "",
});

/**
 * Builds ExportOptions from the form's values.
 * Returns `{ options, errors }`; `errors` maps a form field to what to fix,
 * and `options` is null when there is anything to fix.
 * @param {ExportForm} form
 * @returns {{ options: ExportOptions | null, errors: Partial<Record<keyof ExportForm, string>> }}
 */
export function buildOptions(form) {
  /** @type {Partial<Record<keyof ExportForm, string>>} */
  const errors = {};
  const options = {
    // Left out when not chosen: the shell fills in the API's default.
    resolution: form.resolution || undefined,
    targetLang: form.targetLang || null,
    captions: null,
    hook: null,
    reframe: null,
  };

  if (form.captionsOn) {
    let style = form.captionStyle || null;
    if (form.captionStyle === CUSTOM_STYLE) {
      style = form.customStyle.trim();
      if (!style) errors.customStyle = "Type the style id, or pick a style from the list.";
    }
    options.captions = { display: form.captionDisplay || "original", style };
  }

  if (form.hookOn) {
    const duration = secondsToMs(form.hookSeconds);
    if (duration.error) errors.hookSeconds = duration.error;
    options.hook = {
      style: form.hookStyle || null,
      position: form.hookPosition || null,
      keywords: form.hookKeywords.trim() || null,
      durationMs: duration.ms,
    };
  }

  // Reframe switched on with no ratio travels as "", which the shell refuses by name.
  if (form.reframeOn) options.reframe = form.ratio;

  const valid = Object.keys(errors).length === 0;
  return { options: valid ? options : null, errors };
}

/** "2.5" seconds → 2500 ms; empty means the vendor's default (null). */
export function secondsToMs(text) {
  const trimmed = String(text ?? "").trim().replace(",", ".");
  if (!trimmed) return { ms: null };
  const seconds = Number(trimmed);
  const ms = Math.round(seconds * 1000);
  if (!Number.isFinite(seconds) || ms < 1) {
    return { ms: null, error: "Enter the hook duration in seconds, above zero, e.g. 3 or 2.5." };
  }
  return { ms };
}

/**
 * ExportOptions (from a preset or a past export) → the form's values.
 * @param {ExportOptions | null} options
 * @param {string[]} knownStyleIds
 * @returns {ExportForm}
 */
export function formFromOptions(options, knownStyleIds) {
  const form = { ...DEFAULT_FORM };
  if (!options) return form;
  form.resolution = options.resolution || "";
  form.targetLang = options.targetLang || "";
  if (options.captions) {
    form.captionsOn = true;
    form.captionDisplay = options.captions.display || "original";
    const style = options.captions.style;
    if (style && !knownStyleIds.includes(style)) {
      form.captionStyle = CUSTOM_STYLE;
      form.customStyle = style;
    } else {
      form.captionStyle = style || "";
    }
  }
  if (options.hook) {
    form.hookOn = true;
    form.hookStyle = options.hook.style || "";
    form.hookPosition = options.hook.position || "";
    form.hookKeywords = options.hook.keywords || "";
    form.hookSeconds = options.hook.durationMs == null ? "" : String(options.hook.durationMs / 1000);
  }
  if (options.reframe) {
    form.reframeOn = true;
    form.ratio = options.reframe;
  }
  return form;
}
