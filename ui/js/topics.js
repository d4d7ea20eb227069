// @ts-check
// Every topic views speak on, named once: a misspelt topic is an undefined property, not a
// message nobody hears.

export const TOPICS = Object.freeze({
  /** The open project changed (state); detail: the Project. */
  projectOpened: "project-opened",
  /** The chosen clips changed; detail: the Selection. */
  selectionChanged: "selection-changed",
  /** The key's status changed (state); detail: the KeyStatus. */
  keyChanged: "key-changed",
  /** The key form is checking a key; detail: true while busy. */
  keyFormBusy: "key-form-busy",
  /** An export was sent; detail: its ExportView. */
  exportSubmitted: "export-submitted",
  /** The exports list is out of date: read it again. */
  exportsStale: "exports-stale",
  /** Fill the form again from a past export; detail: its ExportView. */
  exportAgain: "export-again",
  /** Show a main view; detail: its name. */
  showView: "show-view",
  /** Open Settings at a section; detail: "key", "folder", "template" or "updates". */
  openSettings: "open-settings",
  /** A command failed in a way the whole window may need to react to; detail: the IpcError. */
  commandFailed: "command-failed",
});
