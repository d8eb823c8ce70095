// Why: a firmware probes a flash by reading its ID and CFI tables field after field; the generator does the same so every field is read at the geometry's stride.

import fc from "fast-check";
import { CFI_TABLE_LENGTH, CMD, flashSize, widestDeviceMode, type Geometry, type Op, type Width } from "../model/index.js";
import { place, read, spotArb, widthArb, write } from "./spot.js";
import { withForms, type StepGroup } from "./step-group.js";

/**
 * The bus offset of ID/CFI table entry `index` on geometry `g`: with a device width the table is
 * spread at the bank's stride (scaled by the widest device mode), without one it is byte `index`
 * of the legacy layout at bank-width steps (QEMU's addressing, see DEPARTURES.queryAddressing).
 */
export function queryOffset(g: Geometry, index: number): number {
  const stride = g.deviceWidth === 0 ? g.bankWidth : (g.bankWidth * widestDeviceMode(g)) / g.deviceWidth;
  return Math.min(index * stride, flashSize(g) - g.bankWidth);
}

/** A read of `width` bytes that covers table entry `index` (aligned down to the width, inside the flash). */
export function fieldRead(g: Geometry, index: number, width: 1 | 2 | 4): Op {
  const o = queryOffset(g, index);
  return read(Math.min(o - (o % width), flashSize(g) - width), width);
}

/** Reads of `widths.length` consecutive table entries from `first`, each access with its own width. */
const fieldReads = (g: Geometry, first: number, widths: readonly Width[]): Op[] => widths.map((width, i) => fieldRead(g, (first + i) % CFI_TABLE_LENGTH, width));

/** One probe: `command`, reads from an entry `first` draws, back to read array. */
const probe = (command: number, first: fc.Arbitrary<number>): fc.Arbitrary<StepGroup> =>
  fc.tuple(spotArb, first, fc.noBias(fc.array(widthArb, { minLength: 1, maxLength: 16 }))).map(([at, q, widths]): StepGroup =>
    // Shorter: the reads alone, when what they see does not need the probe's command.
    withForms((g) => [write(place(g, at, 1), command), ...fieldReads(g, q, widths), write(place(g, at, 1), CMD.READ_ARRAY)], { shorter: () => [[(g) => fieldReads(g, q, widths)]] }),
  );

/**
 * A probe: read status, read ID (from one of its own entries: manufacturer, device, lock status) or
 * CFI query (from any of its 82 entries, most of the time), reads of up to 16 consecutive entries,
 * then back to read array. Shrinks to one read.
 */
export const queryProbe: fc.Arbitrary<StepGroup> = fc.oneof(
  { arbitrary: probe(CMD.READ_STATUS, fc.nat(3)), weight: 1 },
  { arbitrary: probe(CMD.READ_ID, fc.nat(3)), weight: 1 },
  { arbitrary: probe(CMD.CFI_QUERY, fc.noBias(fc.nat(CFI_TABLE_LENGTH - 1))), weight: 3 },
);
