// @ts-check
// Updates, in Settings: the look at start (silent unless a version is offered, then a
// banner), "Check for updates", the offer with its notes, and the install with its progress.
// The install waits while clips download or videos upload, and says so; a copy a package
// manager installed is told where to get the new version instead.

import { channel, invoke } from "../ipc.js";
import { app, setShared } from "../state.js";
import { byId, setText } from "../dom.js";
import { explain } from "../errors.js";
import { announce } from "../a11y.js";
import { formatBytes, formatPercent, plural } from "../format.js";
import { emit } from "../bus.js";
import { TOPICS } from "../topics.js";
import { showBanner } from "./banner.js";

/** @typedef {import("../../types/shell.js").UpdateOffer} UpdateOffer */
/** @typedef {import("../../types/shell.js").InstallStep} InstallStep */

export function initUpdates() {
  byId("update-check").addEventListener("click", () => look(false));
  byId("update-install").addEventListener("click", install);
  byId("check-updates").addEventListener("change", saveChoice);
  byId("update-download-page").addEventListener("click", openDownloadPage);
  paintChoice();
}

/** The look at start: quiet when nothing is offered or the server cannot be reached. */
export function lookAtStart() {
  return look(true);
}

export function paintChoice() {
  byId("check-updates").checked = Boolean(app.settings?.checkUpdates);
}

/** @param {boolean} automatic */
async function look(automatic) {
  const status = byId("update-status");
  if (!automatic) setText(status, "Looking for a new version…");
  let answer;
  try {
    answer = await invoke("update_check", { automatic });
  } catch (err) {
    if (!automatic) setText(status, explain(err));
    return;
  }
  if (!answer.checked) return;
  if (answer.offer) {
    showOffer(answer.offer);
    // A notice already in the banner (a damaged history, an unreadable setting) matters more;
    // the offer waits in Settings.
    if (automatic && byId("banner").hidden) {
      showBanner(`Wayin Clip Exporter ${answer.offer.version} is available.`, {
        label: "See what's new",
        run: () => emit(TOPICS.openSettings, "updates"),
      });
    }
  } else if (!automatic) {
    setText(
      status,
      answer.problem
        ? `Could not look for a new version just now: ${answer.problem}`
        : `You have the newest version (${app.info.version}).`,
    );
  }
}

/** @param {UpdateOffer} offer */
function showOffer(offer) {
  setText(byId("update-title"), `Version ${offer.version} is available (you have ${offer.current})`);
  setText(byId("update-notes"), offer.notes || "No notes came with this version.");
  byId("update-install").hidden = !offer.installsItself;
  const where = byId("update-where");
  where.hidden = offer.installsItself;
  setText(byId("update-where-text"), `This copy was installed by your system's package manager: get the new package from ${offer.downloadPage}`);
  setText(byId("update-status"), "");
  byId("update-offer").hidden = false;
}

async function install() {
  const button = byId("update-install");
  const progress = byId("update-progress");
  const status = byId("update-status");
  button.disabled = true;
  progress.hidden = false;
  progress.removeAttribute("value");
  try {
    await invoke("update_install", { onStep: channel((/** @type {InstallStep} */ step) => showStep(step)) });
  } catch (err) {
    setText(status, `Not installed: ${explain(err)}`);
    progress.hidden = true;
    button.disabled = false;
  }
}

/** @param {InstallStep} step */
function showStep(step) {
  const status = byId("update-status");
  const progress = byId("update-progress");
  if (step.step === "waiting") {
    const what = [
      step.downloads ? plural(step.downloads, "download") : "",
      step.uploads ? plural(step.uploads, "upload") : "",
    ].filter(Boolean);
    setText(status, `Waiting for ${what.join(" and ")} to finish before installing: installing restarts the app.`);
  } else if (step.step === "downloading") {
    if (step.total) {
      progress.max = step.total;
      progress.value = step.bytes;
    }
    const of = step.total ? ` of ${formatBytes(step.total)} (${formatPercent(step.bytes, step.total)})` : "";
    setText(status, `Downloading the new version: ${formatBytes(step.bytes)}${of}`);
  } else if (step.step === "installed") {
    setText(status, `Version ${step.version} is installed. Restarting…`);
    announce(`Version ${step.version} is installed. The app restarts now.`);
  }
}

async function openDownloadPage() {
  try {
    await invoke("update_download_page");
  } catch (err) {
    setText(byId("update-status"), explain(err));
  }
}

async function saveChoice() {
  const checkUpdates = byId("check-updates").checked;
  try {
    setShared("settings", await invoke("settings_set", { patch: { checkUpdates } }));
  } catch (err) {
    setText(byId("update-status"), `Not saved: ${explain(err)}`);
    paintChoice();
  }
}
