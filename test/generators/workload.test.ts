// Why: host events placed into real firmware traffic must keep the firmware's accesses exactly (only fewer of them) and every live window closed.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assemble, workloadSequences, type Placed } from "../../generators/workload.js";
import { STORAGE_MODES, type Op } from "../../model/index.js";

const accesses: Op[] = Array.from({ length: 40 }, (_, i): Op => (i % 3 === 2 ? { kind: "read", offset: i, width: 1 } : { kind: "write", offset: i, width: 1, value: i % 3 === 0 ? 0x40 : i }));
const isAccess = (o: Op): boolean => o.kind === "read" || o.kind === "write";
const m = { to: "B", storage: "shared", readOnly: false, autostart: true } as const;

describe("placing host events into a workload", () => {
  it("puts each event before the access it names, opens a live window over the next accesses and closes it", () => {
    const events: Placed[] = [
      { at: 2, event: { kind: "stop" } },
      { at: 2, event: { kind: "cont" } },
      { at: 4, start: m, window: 2, end: "migrate-finish" },
      { at: 9, start: m, window: 0, end: "migrate-cancel" },
    ];
    const ops = assemble(accesses.slice(0, 10), [[0, 10]], events);
    expect(ops.map((o) => (isAccess(o) ? (o as { offset: number }).offset : o.kind))).toEqual([0, 1, "stop", "cont", 2, 3, "migrate-start", 4, 5, "migrate-finish", 6, 7, 8, "migrate-start", "migrate-cancel", 9]);
  });

  it("an event whose access was cut goes before the next kept one; a window still open at the end is closed; a second live migration ends the first", () => {
    const ops = assemble(accesses, [[0, 2], [6, 8]], [{ at: 3, start: m, window: 5, end: "migrate-fail" }, { at: 7, start: m, window: 9, end: "migrate-finish" }]);
    expect(ops.map((o) => (isAccess(o) ? (o as { offset: number }).offset : o.kind))).toEqual([0, 1, "migrate-start", 6, "migrate-fail", "migrate-start", 7, "migrate-finish"]);
  });

  it("generated sequences keep a subset of the accesses in order, and close every window they open", () => {
    fc.assert(
      fc.property(workloadSequences(accesses, { maxSteps: 40, storage: STORAGE_MODES }), (s) => {
        const kept = s.ops.filter(isAccess);
        expect(kept.length).toBe(s.used);
        let at = 0;
        for (const o of kept) {
          at = accesses.indexOf(o, at) + 1;
          expect(at).toBeGreaterThan(0);
        }
        const starts = s.ops.filter((o) => o.kind === "migrate-start").length;
        expect(s.ops.filter((o) => o.kind === "migrate-finish" || o.kind === "migrate-cancel" || o.kind === "migrate-fail").length).toBe(starts);
      }),
    );
  });
});
