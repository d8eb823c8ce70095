// Why: the guest's side of a sequence: the accesses a firmware makes, in groups that shrink as a unit into readable counterexamples.

import fc from "fast-check";
import { CMD } from "../model/index.js";
import { bufferedWrite } from "./buffer.js";
import { COMMAND_BYTES } from "./commands.js";
import { queryProbe } from "./query.js";
import { place, read, spotArb, valueArb, widthArb, write } from "./spot.js";
import type { StepGroup } from "./step-group.js";

/** Guest access groups, simplest first (shrinking may replace any group by a program of 0x00 at offset 0). */
export const guestGroups: readonly fc.Arbitrary<StepGroup>[] = [
  fc.tuple(spotArb, widthArb, valueArb).map(([at, width, v]): StepGroup => (g) => {
    const o = place(g, at, width);
    return [write(o, CMD.PROGRAM), write(o, v, width)];
  }),
  fc.tuple(spotArb, widthArb).map(([at, width]): StepGroup => (g) => [read(place(g, at, width), width)]),
  fc.tuple(spotArb, fc.constantFrom(...COMMAND_BYTES)).map(([at, c]): StepGroup => (g) => [write(place(g, at, 1), c)]),
  fc.tuple(spotArb, fc.constantFrom(CMD.CONFIRM, CMD.READ_ARRAY, 0x00)).map(([at, c]): StepGroup => (g) => {
    const o = place(g, at, 1);
    return [write(o, CMD.BLOCK_ERASE), write(o, c)];
  }),
  bufferedWrite,
  queryProbe,
  fc.tuple(spotArb, fc.constantFrom(CMD.CONFIRM, CMD.LOCK_BLOCK, 0x2f)).map(([at, c]): StepGroup => (g) => {
    const o = place(g, at, 1);
    return [write(o, CMD.LOCK_SETUP), write(o, c)];
  }),
  spotArb.map((at): StepGroup => (g) => [write(place(g, at, 1), CMD.CLEAR_STATUS)]),
];

/**
 * How often a sequence picks each guest group, relative to the others (byte-in-mode 30, the command
 * walk 20, host groups 4 to 20): a probe more than twice as often as the rest, so every ID and CFI
 * entry is read tens of times per default budget, and a buffered program often enough to announce every size.
 */
export const weightedGuestGroups: readonly fc.WeightedArbitrary<StepGroup>[] = guestGroups.map((arbitrary) => ({ arbitrary, weight: arbitrary === queryProbe ? 8 : arbitrary === bufferedWrite ? 5 : 3 }));

/** The guest groups of a live migration's window: all but the table probe, whose many reads would leave the window no room for the writes it is there for. */
export const windowGroups: readonly fc.Arbitrary<StepGroup>[] = guestGroups.filter((g) => g !== queryProbe);
