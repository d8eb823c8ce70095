// Why: a bus read is an unsigned value of its access width; JavaScript's 32-bit operators are signed, so every answer of the model and the port is checked on generated sequences.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cases } from "../../engine/case.js";
import { runSequence } from "../../engine/sequence.js";
import { boot as bootWorld, queryRead, statusRead, step, type Geometry, type Width } from "../../model/index.js";
import { geometries } from "../../generators/geometries.js";
import { portTarget } from "../../targets/port.js";

const inRange = (v: number | undefined, w: Width): boolean => v === undefined || (Number.isInteger(v) && v >= 0 && v < 2 ** (8 * w));
const widthArb = fc.constantFrom<Width>(1, 2, 4);

describe("reads are unsigned values of their width", () => {
  it("the false finding of a long audit: an ID read on a 4-byte bank of x8 devices with the ident's top bit set", () => {
    const g: Geometry = { sectorLen: 512, sectors: 16, bankWidth: 4, deviceWidth: 1, maxDeviceWidth: 0, bigEndian: false, ident: [0x1280, 0, 0, 0] };
    expect(queryRead(g, "ident", 0, 4)).toBe(0x80808080);
  });

  it("in the model's query and status answers, for every geometry, offset and width", () => {
    fc.assert(
      fc.property(geometries, fc.constantFrom("ident" as const, "cfi" as const), fc.nat(0x3ff), widthArb, fc.nat(0xff), (g, q, at, w, status) => {
        const offset = at - (at % w);
        return inRange(queryRead(g, q, offset, w), w) && inRange(statusRead(g, status, w), w);
      }),
      { seed: 16, numRuns: 20_000 },
    );
  });

  it("in every step of generated sequences, in the model and in the port", async () => {
    const port = portTarget("proposed-fix");
    const samples = fc.sample(cases({ maxSteps: 30 }), { seed: 4242, numRuns: 1500 });
    for (const c of samples) {
      let world = bootWorld(c.boot);
      for (const op of c.ops) {
        const next = step(world, op);
        world = next.world;
        if (op.kind === "read") expect(inRange(next.out, op.width), `model read ${next.out}`).toBe(true);
      }
      const trace = await runSequence(port, c.boot, c.ops);
      for (const e of trace.executed) if (e.op.kind === "read") expect(inRange(e.got, e.op.width), `port read ${e.got}`).toBe(true);
    }
  });
});
