// What a failed command means for people: the shell's message verbatim, then
// what to do next. The UI branches on `kind` (docs/IPC.md).

const NEXT_STEP = {
  key_missing: "Paste your API key to continue.",
  key_rejected: "WayinVideo refused the key. Replace it in Settings with a key copied again from your account.",
  key_unchecked: "Check your connection, or keep the key without a check.",
  keychain_unavailable: "You can use the key for this session only: the app forgets it when it closes.",
  rate_limited: "WayinVideo asks to slow down. Wait a minute, then try again.",
  not_found: "Check the id, or paste the project's link again.",
  invalid_request: "Change the settings mentioned above, then export again.",
  server_error: "WayinVideo had a problem. Try again in a moment.",
  network: "Could not reach WayinVideo. Check your connection, then try again.",
  unexpected_response: "WayinVideo answered in an unexpected way. Try again in a moment.",
  submit_unknown: "The export was sent but no answer came back. Check it in Exports before exporting these clips again, so you do not pay twice.",
  folder: "Choose another download folder in Settings.",
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
