// @ts-check
// What an export's phase (the shell's ExportView.phase, listed in its catalog)
// looks like on its badge. The shell decides the phase; the page only names it.

export const UNKNOWN_LABEL = "Unknown — check before exporting again";

export const PHASE_BADGES = {
  sending: { text: "Sending", tone: "busy" },
  unknown: { text: UNKNOWN_LABEL, tone: "warn" },
  refused: { text: "Refused", tone: "error" },
  waiting: { text: "Waiting for WayinVideo", tone: "busy" },
  rendering: { text: "Rendering", tone: "busy" },
  downloading: { text: "Rendered", tone: "ok" },
  done: { text: "Done", tone: "ok" },
  failed: { text: "Failed", tone: "error" },
  expired: { text: "Expired", tone: "warn" },
  incomplete: { text: "Incomplete", tone: "warn" },
};
