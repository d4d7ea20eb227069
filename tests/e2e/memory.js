// Memory of a process and every process below it (for the app: WebKit's web and
// network processes), read from /proc as `cargo xtask bench-app` reads it.

import fs from "node:fs";

/** PSS and RSS in KiB summed over `pid` and its descendants, and how many processes. */
export function treeMemory(pid) {
  const total = { pssKib: 0, rssKib: 0, processes: 0 };
  const pending = [pid];
  while (pending.length) {
    const next = pending.pop();
    total.processes += 1;
    total.pssKib += fieldKib(`/proc/${next}/smaps_rollup`, "Pss:");
    total.rssKib += fieldKib(`/proc/${next}/status`, "VmRSS:");
    pending.push(...children(next));
  }
  return total;
}

function children(pid) {
  let tasks = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((task) => {
    try {
      return fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

function fieldKib(file, field) {
  try {
    const line = fs.readFileSync(file, "utf8").split("\n").find((l) => l.startsWith(field));
    return line ? Number(line.slice(field.length).trim().split(/\s+/)[0]) : 0;
  } catch {
    return 0;
  }
}
