// Why: the three-way diff reads the binary's device section with the port's loader; a loader that took bytes the port would never send (or lost a field) could make a different encoding look equal, so it must load exactly the port's own encodings and refuse the rest by name.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { vmstate_decode, vmstate_encode, VmstateLoadError, type VmstateFields } from "../../impl/vmstate.js";

// Write-buffer sizes of the geometries the generators make (bank width times the datasheet's 2^n buffer).
const WRITEBLOCK_SIZES = [32, 64, 256, 2048];

const fields = (writeblock: number): fc.Arbitrary<VmstateFields> =>
  fc.record(
    {
      wcycle: fc.integer({ min: 0, max: 255 }),
      cmd: fc.integer({ min: 0, max: 255 }),
      status: fc.integer({ min: 0, max: 255 }),
      counter: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      blk: fc.record({ bytes: fc.uint8Array({ minLength: writeblock, maxLength: writeblock }), offset: fc.integer({ min: 0, max: 0xfffffffe }) }),
    },
    { requiredKeys: ["wcycle", "cmd", "status", "counter"] },
  );

/** A section changed the way a stream goes wrong: cut short, with bytes after it, or one byte different. */
type Damage = { readonly kind: "cut"; readonly at: number } | { readonly kind: "extend"; readonly bytes: Uint8Array } | { readonly kind: "flip"; readonly at: number; readonly xor: number };
const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant("cut" as const), at: fc.oneof(fc.nat(), fc.integer({ min: 0, max: 45 })) }), // the fields and the subsection's header lie in the first 41 bytes
  fc.record({ kind: fc.constant("extend" as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
);

function damaged(bytes: Uint8Array, d: Damage): Uint8Array {
  if (d.kind === "cut") return bytes.slice(0, d.at % bytes.length);
  if (d.kind === "extend") return Uint8Array.from([...bytes, ...d.bytes]);
  const out = Uint8Array.from(bytes);
  out[d.at % out.length] = (out[d.at % out.length] as number) ^ d.xor;
  return out;
}

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

describe.each(WRITEBLOCK_SIZES)("the port's pflash_cfi01 loader, %i-byte write buffer", (writeblock) => {
  it("loads every section the port saves back to the same fields", () => {
    fc.assert(
      fc.property(fields(writeblock), (f) => {
        expect(vmstate_decode(vmstate_encode(f), writeblock)).toEqual(f);
      }),
      { seed: 16, numRuns: 100 },
    );
  });

  it("refuses a damaged section by name, unless it is exactly what the port would save for what it loaded", () => {
    fc.assert(
      fc.property(fields(writeblock), damage, (f, d) => {
        const bytes = damaged(vmstate_encode(f), d);
        let loaded: VmstateFields;
        try {
          loaded = vmstate_decode(bytes, writeblock);
        } catch (e) {
          expect(e).toBeInstanceOf(VmstateLoadError);
          expect((e as Error).message).toMatch(/^pflash_cfi01(_blk_write)?: \S/);
          return;
        }
        expect(same(vmstate_encode(loaded), bytes)).toBe(true);
      }),
      { seed: 16, numRuns: 300 },
    );
  });
});
