// The export form's values ⇄ the ExportOptions the shell takes (docs/IPC.md).
// Pure, so the API's rules live in one place: gated fields are dropped when
// their switch is off, ratio is required with reframe, the hook duration is
// typed in seconds and sent in milliseconds.

/** Value of the caption-style picker that reveals the custom id field; never a valid style id. */
export const CUSTOM_STYLE = "(custom)";

/** The caption style ids the API takes: lowercase letters, digits, hyphens. */
export const STYLE_ID = /^[a-z0-9-]+$/;

export const DEFAULT_FORM = Object.freeze({
  resolution: "SD_480",
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
 */
export function buildOptions(form) {
  const errors = {};
  const options = {
    resolution: form.resolution || DEFAULT_FORM.resolution,
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
      else if (!STYLE_ID.test(style)) {
        errors.customStyle = "A style id has only lowercase letters, digits and hyphens, like temp-static-2.";
      }
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

  if (form.reframeOn) {
    if (!form.ratio) errors.ratio = "Choose an aspect ratio: AI reframe needs one.";
    options.reframe = form.ratio || null;
  }

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

/** ExportOptions (from a preset or a past export) → the form's values. */
export function formFromOptions(options, knownStyleIds) {
  const form = { ...DEFAULT_FORM };
  if (!options) return form;
  form.resolution = options.resolution || DEFAULT_FORM.resolution;
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
