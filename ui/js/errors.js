// @ts-check
// What a failed command means for people: the shell's message verbatim, then
// what to do next. The UI branches on `kind` (docs/IPC.md).

// Only for kinds whose message from the shell does not already say what to do: the
// API's, the engine's and the shell's own messages for key, rate-limit, server, network,
// submit and folder problems end with the next step, and saying it twice in other words
// reads as two problems.
export const NEXT_STEP = {
  not_found: "Check the id, or paste the project's link again.",
  invalid_request: "Change the settings mentioned above, then export again.",
  unexpected_response: "Try again in a moment.",
  invalid_template: "Fix the file name template.",
  not_found_download: "The list was out of date and has been refreshed.",
  no_backend: "Start the app itself rather than opening this page in a browser.",
};

/** Kinds worth a "Try again" button. */
export const RETRYABLE = new Set(["server_error", "network", "unexpected_response", "rate_limited"]);

export function nextStep(kind) {
  return NEXT_STEP[kind] ?? "";
}

/** The message to show: the shell's words, then the next step when it adds something. */
export function explain(err) {
  const message = String(err?.message ?? err ?? "Something went wrong.").trim();
  const next = nextStep(err?.kind);
  if (!next) return message;
  const joiner = /[.!?]$/.test(message) ? " " : ". ";
  return `${message}${joiner}${next}`;
}
