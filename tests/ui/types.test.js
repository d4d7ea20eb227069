// The type check of the page bites: a module that reads a field the shell never sends, in
// an answer or an event, fails it, and one that reads a real field passes. Each probe is a
// small page module checked with the page's own compiler options (tsconfig.page.json)
// against ui/types/shell.d.ts. No browser.

import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const pageJs = path.resolve(here, "../../ui/js");
const SHELL_TYPES = path.resolve(here, "../../ui/types/shell.d.ts");

/** Probe name → its source; each imports the page's modules as a page module would. */
const PROBES = {
  realAnswerField: `
    import { invoke } from "{js}/ipc.js";
    export const version = (await invoke("app_info")).version;
  `,
  unknownAnswerField: `
    import { invoke } from "{js}/ipc.js";
    export const nothing = (await invoke("app_info")).noSuchField;
  `,
  unknownListItemField: `
    import { invoke } from "{js}/ipc.js";
    export const nothing = (await invoke("exports_list")).map((view) => view.noSuchExportField);
  `,
  realEventField: `
    import { onShellEvent } from "{js}/shell-events.js";
    onShellEvent(["download_progress"], (event) => console.log(event.bytesDone, event.type));
  `,
  unknownEventField: `
    import { onShellEvent } from "{js}/shell-events.js";
    onShellEvent(["download_progress"], (event) => console.log(event.noSuchEventField));
  `,
  unknownCommand: `
    import { invoke } from "{js}/ipc.js";
    await invoke("no_such_command");
  `,
};

/** Probe name → its diagnostics, as `TS<code>: <message>`. */
let found;

function pageCompilerOptions() {
  const config = path.join(here, "tsconfig.page.json");
  const { config: json, error } = ts.readConfigFile(config, ts.sys.readFile);
  assert.equal(error, undefined, "tsconfig.page.json can be read");
  return ts.parseJsonConfigFileContent(json, ts.sys, here).options;
}

before(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wayin-page-types-"));
  try {
    // A relative specifier, as the page's own modules use.
    const js = path.relative(dir, pageJs).split(path.sep).join("/");
    const files = Object.entries(PROBES).map(([name, source]) => {
      const file = path.join(dir, `${name}.js`);
      fs.writeFileSync(file, `// @ts-check\n${source.replaceAll("{js}", js)}`);
      return [name, file];
    });
    const program = ts.createProgram(files.map(([, file]) => file), pageCompilerOptions());
    assert.ok(program.getSourceFile(SHELL_TYPES), `the probes are checked against ${SHELL_TYPES}`);
    const diagnostics = ts.getPreEmitDiagnostics(program);
    found = Object.fromEntries(
      files.map(([name, file]) => [
        name,
        diagnostics
          .filter((d) => d.file && path.resolve(d.file.fileName) === file)
          .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`),
      ]),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Asserts the probe fails with exactly one TS2339 naming `field`. */
function assertUnknownField(probe, field) {
  assert.equal(found[probe].length, 1, found[probe].join("\n"));
  assert.match(found[probe][0], new RegExp(`^TS2339: Property '${field}' does not exist on type`));
}

test("a page module may read a field the shell sends in an answer or an event", () => {
  assert.deepEqual(found.realAnswerField, []);
  assert.deepEqual(found.realEventField, []);
});

test("reading a field no answer of the shell carries fails the type check", () => {
  assertUnknownField("unknownAnswerField", "noSuchField");
  assertUnknownField("unknownListItemField", "noSuchExportField");
});

test("reading a field no event of the shell carries fails the type check", () => {
  assertUnknownField("unknownEventField", "noSuchEventField");
});

test("asking for a command the shell does not have fails the type check", () => {
  assert.equal(found.unknownCommand.length, 1, found.unknownCommand.join("\n"));
  assert.match(found.unknownCommand[0], /^TS2345: Argument of type '"no_such_command"' is not assignable/);
});
