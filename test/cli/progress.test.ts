// Why: progress must be live and fitted on a terminal, plain and deterministic elsewhere (with a heartbeat on long runs), and say what shrinking does.

import { afterEach, describe, expect, it, vi } from "vitest";
import type { CheckEvent } from "../../engine/check.js";
import { fit, progress } from "../../cli/progress.js";
import { PROPERTIES } from "../../properties/index.js";

const { P1, P2 } = PROPERTIES;
const sink = (isTTY: boolean, columns?: number) => {
  const lines: string[] = [];
  return { isTTY, ...(columns === undefined ? {} : { columns }), write: (s: string) => lines.push(s), lines };
};
const trace = { executed: [{ op: { kind: "read", offset: 0, width: 1 }, mode: "read-array", got: 255, expected: 255 }], checked: 1, skipped: 0 } as const;
const ev = (phase: "generate" | "shrink", sequences: number, shrinks = 0): CheckEvent => ({ phase, sequences, shrinks, case: { boot: {} as never, ops: [] }, trace });

describe("progress", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("prints one plain line per property when not on a terminal, and nothing in between on a short run", () => {
    const out = sink(false);
    const p = progress(out, { total: 100, clock: () => 0, env: { CI: "true" } });
    for (let i = 1; i <= 100; i++) p.event(P1, ev("generate", i));
    p.decided({ property: P1, status: "held", runs: 100 });
    expect(out.lines).toEqual(["P1 load invariant: held (100 sequences)\n"]);
  });

  it("without a terminal, writes a plain line at least every 10 s on a long property", () => {
    const out = sink(false);
    let t = 0;
    const p = progress(out, { total: 1000, clock: () => t, env: {} });
    p.event(P2, ev("generate", 1));
    t = 9_000;
    p.event(P2, ev("generate", 90));
    t = 10_500;
    p.event(P2, ev("generate", 105));
    t = 20_600;
    p.event(P2, ev("generate", 206));
    expect(out.lines).toEqual(["P2 guest reads match the model: 105/1000 sequences after 10.5s\n", "P2 guest reads match the model: 206/1000 sequences after 20.6s\n"]);
  });

  it("updates one line in place on a terminal, fitted to its width, and counts shrink steps rather than runs", () => {
    const out = sink(true, 60);
    let t = 0;
    const p = progress(out, { total: 50, clock: () => t, env: { CI: "false" } });
    p.event(P2, ev("generate", 1));
    t = 1500;
    p.event(P2, ev("generate", 25));
    p.event(P2, ev("shrink", 25, 3));
    p.decided({ property: P2, status: "failed", runs: 25 } as never);
    expect(out.lines).toEqual([
      "\r\x1b[2KP2 guest reads match the model: 25/50 sequences, 1.5s",
      "\r\x1b[2KP2 guest reads match the model: failed after 25 sequences,…",
      "\r\x1b[2K",
      "P2 guest reads match the model: FAILED (25 sequences)\n",
    ]);
    for (const l of out.lines) expect(l.replace("\r\x1b[2K", "").length).toBeLessThan(60);
  });

  it("with --verbose, prints every sequence and every shrink attempt with its steps", () => {
    const out = sink(false);
    const p = progress(out, { total: 5, clock: () => 0, verbose: true, env: { CI: "true" } });
    p.event(P2, ev("generate", 1));
    p.event(P2, ev("shrink", 1, 1));
    expect(out.lines).toEqual(["P2 sequence 1: holds: read.b 0x000000\n", "P2 shrink attempt (1 shrink step so far): holds: read.b 0x000000\n"]);
  });

  it("shows diff progress too, and its shrink steps", () => {
    const out = sink(true, 80);
    const p = progress(out, { total: 300, clock: () => 0, env: {} });
    p.diff({ phase: "generate", sequences: 25, shrinks: 0 });
    p.diff({ phase: "shrink", sequences: 40, shrinks: 2 });
    expect(out.lines).toEqual(["\r\x1b[2Kdiff: 25/300 sequences, 0.0s", "\r\x1b[2Kdiff: a difference after 40 sequences, shrinking: 2 shrink steps, 0.0s"]);
  });

  it("fits a line to 80 and 60 columns without wrapping", () => {
    const long = "x".repeat(200);
    expect(fit(long, 80).length).toBe(79);
    expect(fit(long, 60).length).toBe(59);
    expect(fit("short", 80)).toBe("short");
    expect(fit(long, undefined)).toBe(long);
  });
});
