// Why: progress must be live on a terminal and plain, deterministic lines everywhere else.

import { afterEach, describe, expect, it, vi } from "vitest";
import { progress } from "../../cli/progress.js";
import { PROPERTIES } from "../../properties/index.js";

const { P1, P2 } = PROPERTIES;

const sink = (isTTY: boolean) => {
  const lines: string[] = [];
  return { isTTY, write: (s: string) => lines.push(s), lines };
};

describe("progress", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("prints one plain line per property when not on a terminal", () => {
    const out = sink(false);
    const p = progress(out, 100, () => 0);
    for (let i = 1; i <= 100; i++) p.run(P1, i, false);
    p.decided({ property: P1, status: "held", runs: 100 });
    expect(out.lines).toEqual(["P1 load invariant: held (100 sequences)\n"]);
  });

  it("updates one line in place on a terminal, with elapsed time", () => {
    vi.stubEnv("CI", "false");
    const out = sink(true);
    let t = 0;
    const p = progress(out, 50, () => t);
    p.run(P2, 1, false);
    t = 1500;
    p.run(P2, 25, true);
    p.run(P2, 26, true);
    p.decided({ property: P2, status: "failed", runs: 26 } as never);
    expect(out.lines).toEqual(["\r\x1b[2KP2 guest reads match the model: 25/50 runs, failing, shrinking, 1.5s", "\r\x1b[2KP2 guest reads match the model: FAILED (26 sequences)\n"]);
  });
});
