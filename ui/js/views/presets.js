// @ts-check
// Named option sets: save the form as a preset, apply one, delete one.

import { invoke } from "../ipc.js";
import { byId, h, setText } from "../dom.js";
import { explain } from "../errors.js";

/** @typedef {import("../../types/shell.js").Preset} Preset */

/** @type {Preset[]} */
let presets = [];

/**
 * `form.readOptions()` → { options, errors } from the export form;
 * `form.apply(options)` fills the form; `form.showErrors(errors, true)` marks fields;
 * `form.verdictErrors(err)` turns the shell's refusal into such errors.
 */
export function initPresets(form) {
  byId("preset-save").addEventListener("click", () => save(form));
  byId("preset-name").addEventListener("keydown", (event) => {
    // Enter in the name field saves the preset rather than submitting the export.
    if (event.key === "Enter") {
      event.preventDefault();
      save(form);
    }
  });
  byId("preset-apply").addEventListener("click", () => {
    const preset = presets.find((each) => each.name === byId("preset-select").value);
    if (!preset) return;
    form.apply(preset.options);
    status(`Applied the preset “${preset.name}”.`);
  });
  byId("preset-delete").addEventListener("click", async () => {
    const name = byId("preset-select").value;
    if (!name) return;
    try {
      render(await invoke("preset_delete", { name }));
      status(`Deleted the preset “${name}”.`);
    } catch (err) {
      status(`Could not delete the preset: ${explain(err)}`, true);
    }
  });
  load();
}

async function load() {
  try {
    render(await invoke("presets_list"));
  } catch (err) {
    render([]);
    status(`Presets could not be loaded: ${explain(err)}`, true);
  }
}

async function save(form) {
  const name = byId("preset-name").value.trim();
  if (!name) {
    status("Type a name for the preset first.", true);
    byId("preset-name").focus();
    return;
  }
  const { options, errors } = form.readOptions();
  if (!options) {
    form.showErrors(errors, true);
    status(`Not saved: ${Object.values(errors).join(" ")}`, true);
    return;
  }
  try {
    render(await invoke("preset_save", { name, options }), name);
    byId("preset-name").value = "";
    status(`Saved the preset “${name}”.`);
  } catch (err) {
    const fields = form.verdictErrors(err);
    if (Object.keys(fields).length) {
      form.showErrors(fields, true);
      status(`Not saved: ${err.message}`, true);
    } else {
      status(`Could not save the preset: ${explain(err)}`, true);
    }
  }
}

/**
 * @param {Preset[]} list
 * @param {string | null} [select]
 */
function render(list, select = null) {
  presets = list;
  const picker = byId("preset-select");
  const previous = select ?? picker.value;
  picker.replaceChildren(
    ...(list.length
      ? list.map(({ name }) => h("option", { value: name, text: name }))
      : [h("option", { value: "", text: "No presets yet" })]),
  );
  if (list.some((each) => each.name === previous)) picker.value = previous;
  byId("preset-apply").disabled = list.length === 0;
  byId("preset-delete").disabled = list.length === 0;
}

function status(text, isError = false) {
  const el = byId("preset-status");
  setText(el, text);
  el.classList.toggle("is-error", isError);
}
