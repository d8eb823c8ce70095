// Why: a JSON result kept as a CI artifact becomes a bug report later: `report` renders it byte for byte as the run printed it, and ends as the run did.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./cli.js";

const dir = mkdtempSync(join(tmpdir(), "pflash-audit-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pflash-audit report", () => {
  it("renders a saved run in text and markdown exactly as the run printed them, with the run's exit code", () => {
    const run = ["run", "--target", "impl:qemu-2.2", "--runs", "100"];
    const saved = cli(...run, "--format", "json", "--report", join(dir, "run.json"));
    expect(saved.code).toBe(1);
    expect(cli("report", join(dir, "run.json"))).toEqual({ code: 1, out: saved.out, err: "" });
    expect(cli("report", join(dir, "run.json"), "--format", "markdown").out).toBe(cli(...run, "--format", "markdown").out);
    const held = cli("run", "--target", "impl:proposed-fix", "--property", "P3", "--runs", "50", "--format", "json", "--report", join(dir, "held.json"));
    expect(cli("report", join(dir, "held.json"))).toEqual({ code: 0, out: held.out, err: "" });
  });

  it("renders a saved diff the same way", () => {
    const diff = ["diff", "--target", "impl:qemu-7.2.22", "--baseline", "impl:qemu-7.2.8", "--runs", "300"];
    const saved = cli(...diff, "--format", "json", "--report", join(dir, "diff.json"));
    expect(cli("report", join(dir, "diff.json"))).toEqual({ code: 1, out: saved.out, err: "" });
    expect(cli("report", join(dir, "diff.json"), "--format", "markdown").out).toBe(cli(...diff, "--format", "markdown").out);
  });

  it.each([
    ["{ nope", /^pflash-audit: .*bad\.json: not valid JSON \(.*\)\n$/],
    [JSON.stringify({ schema: "pflash-audit/report", version: 1 }), /^pflash-audit: .*bad\.json: schema version 1 is not the one this pflash-audit writes \(3\); re-run with this version\n$/],
    [JSON.stringify({ schema: "pflash-audit/corpus", version: 1 }), /^pflash-audit: .*bad\.json: schema must be "pflash-audit\/report" or "pflash-audit\/diff"\n$/],
  ])("refuses a file that is not a saved result: one line, exit 2", (text, err) => {
    writeFileSync(join(dir, "bad.json"), text);
    const r = cli("report", join(dir, "bad.json"));
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toMatch(err);
  });
});
