// @ts-check
// Why an export did not fully succeed, in the window's words. The shell sends the kind and
// its facts (docs/IPC.md, `ExportProblem`); the terminal words the same kinds its own way.

const clipList = (clips) => clips.join(", ");

const WORDING = {
  refused: (p) => p.message,
  answer_lost: (p) => p.message,
  // Said in the failure block, with the vendor's words, what happened and what to do.
  render_failed: () => "",
  expired: () => "The export's results expired before every clip was downloaded. Export it again.",
  links_missing: (p) =>
    `WayinVideo finished the export but never gave a link for clip${p.clips.length === 1 ? "" : "s"} ${clipList(p.clips)}. Export ${p.clips.length === 1 ? "it" : "them"} again later.`,
  download_stopped: (p) => `Clip ${p.idx} stopped before it finished (another window or command may be downloading it). Retry it to continue.`,
  download_failed: (p) => `Clip ${p.idx} could not be downloaded: ${p.message}`,
  download_cancelled: (p) => `The download of clip ${p.idx} was cancelled.`,
  no_link: (p) => `WayinVideo gave no link for clip ${p.idx}.`,
  not_downloaded: (p) => `Clip ${p.idx} was not downloaded.`,
  not_rendered: (p) => `WayinVideo did not render clip ${p.idx}.`,
};

/**
 * The sentence for `problem` (`{kind, …}` or null); "" for none, or a kind this page does not know.
 * @param {import("../types/shell.js").ExportView["problem"]} problem
 */
export function problemText(problem) {
  if (!problem) return "";
  return WORDING[problem.kind]?.(problem) ?? "";
}
