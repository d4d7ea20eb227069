// @ts-check
// One downloaded clip: state, progress bar, speed and time left, and what can be
// done with it. The page names the download by id only; the shell finds the file.

import { invoke } from "../ipc.js";
import { emit } from "../bus.js";
import { fromTemplate, labelWithContext, setText } from "../dom.js";
import { explain } from "../errors.js";
import { formatBytes, formatEta, formatPercent, formatSpeed } from "../format.js";
import { bindNativeDrag } from "../native-drag.js";
import { TOPICS } from "../topics.js";

/** @typedef {import("../../types/shell.js").DownloadView} DownloadView */
/** @typedef {import("../../types/shell.js").Events} Events */

const STATE_TEXT = {
  waiting: "Waiting for the render",
  downloading: "Downloading",
  done: "Downloaded",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** Which buttons each state offers. */
const ACTIONS = {
  waiting: ["cancel"],
  downloading: ["cancel"],
  done: ["play", "open", "reveal"],
  failed: ["retry"],
  cancelled: ["retry"],
};

const COMMANDS = {
  cancel: "download_cancel",
  retry: "download_retry",
  open: "download_open",
  reveal: "download_reveal",
};

/** @param {DownloadView} initial */
export function createDownloadRow(initial) {
  const el = fromTemplate("download-row-template");
  const parts = {
    name: el.querySelector(".download-name"),
    state: el.querySelector(".download-state"),
    bar: el.querySelector(".download-bar"),
    numbers: el.querySelector(".download-numbers"),
    error: el.querySelector(".download-error"),
    handle: el.querySelector(".drag-handle"),
    player: el.querySelector(".download-player"),
    buttons: Object.fromEntries([...el.querySelectorAll("[data-action]")].map((b) => [b.dataset.action, b])),
  };
  let download = initial;
  /** The latest speed and time left; only progress events carry them. */
  let rate = { bytesPerSec: 0, etaSecs: null };
  let labelledFor = null;

  for (const [action, button] of Object.entries(parts.buttons)) {
    button.addEventListener("click", () => (action === "play" ? togglePlayer() : run(action)));
  }
  bindNativeDrag(parts.handle, "download_drag", () => ({ downloadId: download.id }), showError);

  async function run(action) {
    showError("");
    try {
      await invoke(COMMANDS[action], { downloadId: download.id });
    } catch (err) {
      showError(explain(err));
      if (err.kind === "not_found_download") emit(TOPICS.exportsStale);
    }
  }

  // The shell gives a URL the web view streams from (with Range, so seeking never
  // reads the whole clip); a clip it still cannot play opens in the usual player.
  parts.player.addEventListener("error", () => {
    showError("This clip cannot be played here. Use Open to play it in your usual player.");
  });

  function togglePlayer() {
    const player = parts.player;
    if (player.hidden) {
      if (!download.url) return;
      if (player.getAttribute("src") !== download.url) player.src = download.url;
      player.hidden = false;
      labelWithContext(parts.buttons.play, "Hide player", download.fileName);
      player.focus();
    } else {
      player.pause();
      player.hidden = true;
      // Let go of the stream (and the file) while the player is closed.
      player.removeAttribute("src");
      player.load();
      labelWithContext(parts.buttons.play, "Play", download.fileName);
    }
  }

  function showError(text) {
    setText(parts.error, text);
    parts.error.hidden = !text;
  }

  function label() {
    if (labelledFor === download.fileName) return;
    labelledFor = download.fileName;
    setText(parts.name, download.fileName);
    parts.bar.setAttribute("aria-label", `Download of ${download.fileName}`);
    parts.player.setAttribute("aria-label", download.fileName);
    const names = { cancel: "Cancel", retry: "Retry", open: "Open", reveal: "Show in folder" };
    for (const [action, text] of Object.entries(names)) labelWithContext(parts.buttons[action], text, download.fileName);
    labelWithContext(parts.buttons.play, parts.player.hidden ? "Play" : "Hide player", download.fileName);
  }

  function paint() {
    label();
    el.dataset.state = download.state;
    setText(parts.state, STATE_TEXT[download.state] ?? download.state);
    const allowed = ACTIONS[download.state] ?? [];
    for (const [action, button] of Object.entries(parts.buttons)) {
      button.hidden = !allowed.includes(action) || (action === "play" && !download.url);
    }
    const done = download.state === "done";
    parts.handle.hidden = !done;
    if (!done && !parts.player.hidden) togglePlayer();
    paintProgress();
    if (download.error) showError(download.error);
    else if (download.state !== "failed") showError("");
  }

  function paintProgress() {
    const { bytesDone, total, state } = download;
    if (state === "done") {
      parts.bar.value = 1;
    } else if (total) {
      parts.bar.value = Math.min(1, bytesDone / total);
    } else if (state === "downloading") {
      parts.bar.removeAttribute("value"); // indeterminate: size not known yet
    } else {
      parts.bar.value = 0;
    }
    setText(parts.numbers, numbersText(download, rate));
  }

  paint();
  return {
    el,
    get id() {
      return download.id;
    },
    /** @param {DownloadView} next */
    update(next) {
      download = { ...download, ...next };
      if (download.state !== "downloading") rate = { bytesPerSec: 0, etaSecs: null };
      paint();
    },
    /** @param {Events["download_progress"]} event */
    progress(event) {
      download = { ...download, bytesDone: event.bytesDone, total: event.total ?? download.total };
      if (download.state === "waiting") {
        download.state = "downloading";
        paint();
      }
      rate = { bytesPerSec: event.bytesPerSec, etaSecs: event.etaSecs };
      paintProgress();
    },
  };
}

/**
 * @param {DownloadView} download
 * @param {{ bytesPerSec: number, etaSecs: number | null }} rate
 */
function numbersText(download, rate) {
  const { bytesDone, total, state } = download;
  if (state === "done") return total ? formatBytes(total) : formatBytes(bytesDone);
  if (state === "waiting") return bytesDone ? `${formatBytes(bytesDone)} so far` : "";
  if (state !== "downloading") return bytesDone && total ? `${formatBytes(bytesDone)} of ${formatBytes(total)}` : "";
  const parts = [];
  const percent = formatPercent(bytesDone, total);
  if (percent) parts.push(percent);
  parts.push(total ? `${formatBytes(bytesDone)} of ${formatBytes(total)}` : `${formatBytes(bytesDone)} so far`);
  const speed = formatSpeed(rate.bytesPerSec);
  if (speed) parts.push(speed);
  parts.push(formatEta(rate.etaSecs));
  return parts.join(" · ");
}
