// Files on disk: their hashes, and whether a secret ended up in any of them.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** sha256 (hex) of a file, read in pieces: clips can be large. */
export async function sha256File(file) {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk);
  return hash.digest("hex");
}

/** Every regular file under `dir`, recursively (symlinks not followed). */
export function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/** The files under `dir` whose bytes contain `needle` (a string, searched as UTF-8). */
export function filesContaining(dir, needle) {
  const bytes = Buffer.from(needle, "utf8");
  return filesUnder(dir).filter((file) => fs.readFileSync(file).includes(bytes));
}
