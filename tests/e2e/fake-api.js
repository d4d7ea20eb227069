// The local stand-in of the WayinVideo API (crates/fake-wayin) as a child
// process, and its admin API: what it received, faults to inject, the bytes it serves.

import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { REPO, TARGET_DIR } from "./paths.js";

const BINARY = path.join(TARGET_DIR, "debug", "fake-wayin");
const FIXTURES = path.join(REPO, "crates", "fake-wayin", "fixtures");

/**
 * Starts fake-wayin on a free port. `speed` 50 renders a clip in about 0.1 s;
 * the fake's own rate limit is off because the tests' checks call it with the
 * app's key and must not eat into the app's budget (the app keeps its own).
 * `synthetic`: e.g. ["proj_big:2:200M"]. `apiKey`: the only key it accepts.
 */
export async function startFakeApi({ speed = 50, synthetic = [], apiKey = randomKey() } = {}) {
  if (!fs.existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: build it with cargo build -p fake-wayin`);
  }
  const args = ["--port", "0", "--speed", String(speed), "--rate-limit", "0", "--api-key", apiKey];
  for (const spec of synthetic) args.push("--synthetic", spec);
  const child = spawn(BINARY, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RUST_LOG: "fake_wayin=warn" },
  });
  const stderr = [];
  child.stderr.on("data", (chunk) => stderr.push(chunk));
  const facts = await readFacts(child, () => Buffer.concat(stderr).toString());
  return new FakeApi(child, facts);
}

/** A key shaped like a real one and different on every run, so finding it anywhere means it leaked. */
export function randomKey() {
  return `wk_live_${randomBytes(16).toString("hex")}`;
}

/** The `name=value` lines fake-wayin prints first, up to `projects=`. */
function readFacts(child, stderrText) {
  return new Promise((resolve, reject) => {
    const facts = {};
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(new Error("fake-wayin did not start within 20 s")), 20_000);
    const fail = (err) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(err);
    };
    child.once("exit", (code) => fail(new Error(`fake-wayin exited (${code}): ${stderrText()}`)));
    lines.on("line", (line) => {
      const at = line.indexOf("=");
      if (at > 0) facts[line.slice(0, at)] = line.slice(at + 1);
      if (facts.projects !== undefined) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve(facts);
      }
    });
  });
}

export class FakeApi {
  constructor(child, facts) {
    this.child = child;
    this.baseUrl = facts.base_url;
    this.apiKey = facts.api_key;
    this.origin = facts.origin;
  }

  async admin(method, route, body) {
    const response = await fetch(`${this.origin}/__fake/${route}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /__fake/${route}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  }

  /** The exact bodies of every accepted POST /clips/export, oldest first. */
  exports() {
    return this.admin("GET", "exports");
  }

  /** [{ method, path, status }] of every API call, refused ones included. */
  requests() {
    return this.admin("GET", "requests");
  }

  /** [{ path, range, status, cut_after }] of every CDN download. */
  cdnRequests() {
    return this.admin("GET", "cdn-requests");
  }

  /** `scope`: "global" or a project id; replaces that scope's faults. */
  setFaults(scope, faults) {
    return this.admin("POST", "faults", { scope, faults });
  }

  reset() {
    return this.admin("POST", "reset");
  }

  /** An API call with the fake's own key, as a client of WayinVideo makes it. */
  async api(route) {
    const response = await fetch(`${this.baseUrl}${route}`, {
      headers: { authorization: `Bearer ${this.apiKey}`, "x-wayinvideo-api-version": "v2" },
    });
    if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()).data;
  }

  /**
   * sha256 (hex) of every clip of an export task, fetched through fresh links
   * of the export results: exactly the bytes the CDN serves. idx → hash.
   */
  async servedClipHashes(taskId) {
    const result = await this.api(`/clips/export/${taskId}`);
    const hashes = new Map();
    for (const clip of result.clips) {
      const response = await fetch(clip.export_link);
      if (!response.ok) throw new Error(`GET ${clip.export_link}: ${response.status}`);
      const hash = createHash("sha256");
      for await (const chunk of response.body) hash.update(chunk);
      hashes.set(clip.idx, hash.digest("hex"));
    }
    return hashes;
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** The MP4 the fake serves verbatim for a clip of one of its fixture projects. */
export function fixtureClip(projectId, idx) {
  return path.join(FIXTURES, projectId, `clip_${idx}.mp4`);
}
