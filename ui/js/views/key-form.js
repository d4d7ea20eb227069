// Saving and checking an API key: the first-run form and Settings' "Replace key"
// share this flow. The key goes to the shell once; the page keeps only its last 4.

import { invoke } from "../ipc.js";
import { app } from "../state.js";
import { emit } from "../bus.js";
import { explain } from "../errors.js";
import { showFieldError, setText } from "../dom.js";
import { announce } from "../a11y.js";

/**
 * `els`: { form, input, error, progress, sessionButton, recheckButton }.
 * `onVerified(status)` runs once the key is saved and WayinVideo accepted it.
 */
export function bindKeyForm(els, onVerified) {
  // Held only between "no keychain" and the person choosing "this session only".
  let keyAwaitingChoice = null;

  els.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const key = els.input.value.trim();
    if (!key) {
      showFieldError(els.error, "Paste the API key first.");
      els.input.focus();
      return;
    }
    save(key, false);
  });

  els.sessionButton.addEventListener("click", () => {
    if (keyAwaitingChoice) save(keyAwaitingChoice, true);
  });

  els.recheckButton.addEventListener("click", () => verify());

  function busy(on) {
    for (const button of els.form.querySelectorAll("button")) button.disabled = on;
    els.form.setAttribute("aria-busy", String(on));
  }

  async function save(key, sessionOnly) {
    showFieldError(els.error, "");
    els.recheckButton.hidden = true;
    setText(els.progress, "Saving the key…");
    busy(true);
    let status;
    try {
      status = await invoke("key_save", { key, sessionOnly });
    } catch (err) {
      busy(false);
      setText(els.progress, "");
      if (err.kind === "keychain_unavailable") {
        keyAwaitingChoice = key;
        els.sessionButton.hidden = false;
        showFieldError(els.error, explain(err));
        els.sessionButton.focus();
      } else {
        showFieldError(els.error, explain(err));
      }
      return;
    }
    keyAwaitingChoice = null;
    els.sessionButton.hidden = true;
    els.input.value = "";
    showKeyEnding(els.input, status);
    app.keyStatus = status;
    emit("key-changed", status);
    busy(false);
    await verify();
  }

  async function verify() {
    const ending = app.keyStatus?.last4 ? ` ending …${app.keyStatus.last4}` : "";
    showFieldError(els.error, "");
    els.recheckButton.hidden = true;
    setText(els.progress, `Checking the key${ending} with WayinVideo…`);
    busy(true);
    try {
      await invoke("key_verify");
    } catch (err) {
      busy(false);
      setText(els.progress, "");
      if (err.kind === "key_rejected") {
        showFieldError(
          els.error,
          `${err.message} The key${ending} is saved, but WayinVideo does not accept it: paste the key again, copied in full from your WayinVideo account.`,
        );
        els.input.focus();
      } else {
        showFieldError(els.error, `The key${ending} is saved, but it could not be checked. ${explain(err)}`);
        els.recheckButton.hidden = false;
      }
      return;
    }
    busy(false);
    const done = `Key${ending} saved and verified.`;
    setText(els.progress, done);
    announce(done);
    onVerified(app.keyStatus);
  }
}

/** The key field shows at most the key's last four characters, never the key. */
export function showKeyEnding(input, status) {
  input.placeholder = status?.set && status.last4 ? `Current key: …${status.last4}` : "";
}
