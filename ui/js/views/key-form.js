// @ts-check
// Saving an API key: the first-run form and Settings' "Replace key" share this
// flow. The key goes to the shell once; the page keeps only its last 4. The
// shell checks a new key with WayinVideo before it replaces anything: a refused
// key changes nothing, and one that could not be checked is kept only when the
// person says so.

import { invoke } from "../ipc.js";
import { app, setShared } from "../state.js";
import { emit } from "../bus.js";
import { explain } from "../errors.js";
import { showFieldError, setText } from "../dom.js";
import { announce } from "../a11y.js";
import { TOPICS } from "../topics.js";

/** @typedef {import("../../types/shell.js").KeyStatus} KeyStatus */

/**
 * `els`: { form, input, error, progress, sessionButton, recheckButton,
 *          unchecked, keepButton, dropButton }.
 * `onVerified(status)` runs once the key is saved and WayinVideo accepted it.
 * @param {Record<string, any>} els
 * @param {(status: KeyStatus) => void} onVerified
 */
export function bindKeyForm(els, onVerified) {
  // Held only while a question about it is open ("this session only?",
  // "keep it anyway?"), then dropped.
  let keyAwaitingChoice = null;

  els.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const key = els.input.value.trim();
    if (!key) {
      showFieldError(els.error, "Paste the API key first.");
      els.input.focus();
      return;
    }
    save({ key, sessionOnly: false, unverified: false });
  });

  els.sessionButton.addEventListener("click", () => {
    if (keyAwaitingChoice) save({ ...keyAwaitingChoice, sessionOnly: true });
  });

  els.keepButton.addEventListener("click", () => {
    if (keyAwaitingChoice) save({ ...keyAwaitingChoice, unverified: true });
  });

  els.dropButton.addEventListener("click", () => {
    keyAwaitingChoice = null;
    els.unchecked.hidden = true;
    const kept = app.keyStatus?.set ? " The current key stays in use." : "";
    setText(els.progress, `The key was not saved.${kept}`);
    els.input.focus();
  });

  els.recheckButton.addEventListener("click", () => verify());

  function busy(on) {
    for (const button of els.form.querySelectorAll("button")) button.disabled = on;
    els.form.setAttribute("aria-busy", String(on));
    emit(TOPICS.keyFormBusy, on);
  }

  async function save(attempt) {
    const { key, sessionOnly, unverified } = attempt;
    showFieldError(els.error, "");
    els.recheckButton.hidden = true;
    els.unchecked.hidden = true;
    setText(els.progress, unverified ? "Saving the key…" : "Checking the key with WayinVideo…");
    busy(true);
    let status;
    try {
      status = await invoke("key_save", { key, sessionOnly, unverified });
    } catch (err) {
      busy(false);
      setText(els.progress, "");
      failed(attempt, err);
      return;
    }
    keyAwaitingChoice = null;
    els.sessionButton.hidden = true;
    els.input.value = "";
    showKeyEnding(els.input, status);
    setShared("keyStatus", status);
    busy(false);
    if (unverified) {
      // Kept without an answer from WayinVideo: try once more now.
      await verify();
      return;
    }
    const done = `Key ending …${status.last4} saved and verified.`;
    setText(els.progress, done);
    announce(done);
    onVerified(status);
  }

  function failed(attempt, err) {
    if (err.kind === "keychain_unavailable") {
      keyAwaitingChoice = attempt;
      els.sessionButton.hidden = false;
      showFieldError(els.error, explain(err));
      els.sessionButton.focus();
    } else if (err.kind === "key_unchecked") {
      keyAwaitingChoice = attempt;
      els.unchecked.hidden = false;
      els.keepButton.focus();
    } else if (err.kind === "key_rejected") {
      keyAwaitingChoice = null;
      const kept = app.keyStatus?.set ? " The current key stays in use." : "";
      showFieldError(
        els.error,
        `${err.message} The new key was not saved.${kept} Paste the key again, copied in full from your WayinVideo account.`,
      );
      els.input.focus();
    } else {
      showFieldError(els.error, explain(err));
    }
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

/**
 * The key field shows at most the key's last four characters, never the key.
 * @param {HTMLInputElement} input
 * @param {KeyStatus | null} status
 */
export function showKeyEnding(input, status) {
  input.placeholder = status?.set && status.last4 ? `Current key: …${status.last4}` : "";
}
