// Why: every command byte in every chip mode: the prefixes that put the chip into each mode, and the group that writes any byte there.

import fc from "fast-check";
import { CMD, type Geometry, type Op, type Width } from "../model/index.js";
import { place, readIf, spotArb, widthArb, write, type Spot } from "./spot.js";
import { withForms, type StepGroup } from "./step-group.js";

/** The datasheet's command bytes, QEMU's extra ones (0x00, the AMD probe 0xf0) and 0x28, an erase QEMU takes for 0x20. */
export const COMMAND_BYTES = [
  CMD.READ_ARRAY, CMD.READ_STATUS, CMD.CLEAR_STATUS, CMD.PROGRAM, CMD.PROGRAM_ALT, CMD.BLOCK_ERASE,
  CMD.CONFIRM, CMD.READ_ID, CMD.CFI_QUERY, CMD.WRITE_TO_BUFFER, CMD.LOCK_SETUP, CMD.LOCK_BLOCK,
  CMD.READ_ARRAY_QEMU, CMD.AMD_PROBE, 0x28,
];

/** Any byte: the command bytes most of the time (each as often as the others: no bias to the first), anything else now and then. */
export const byteArb = fc.oneof({ arbitrary: fc.noBias(fc.constantFrom(...COMMAND_BYTES)), weight: 9 }, { arbitrary: fc.nat(0xff), weight: 1 });

/** The prefixes that leave the chip in each mode after a first cycle: program, erase, lock, status, ID, CFI, and the three write-to-buffer phases. */
const PREFIXES: readonly ((o: number) => Op[])[] = [
  (o) => [write(o, CMD.PROGRAM)],
  (o) => [write(o, CMD.PROGRAM_ALT)],
  (o) => [write(o, CMD.BLOCK_ERASE)],
  (o) => [write(o, CMD.LOCK_SETUP)],
  (o) => [write(o, CMD.READ_STATUS)],
  (o) => [write(o, CMD.READ_ID)],
  (o) => [write(o, CMD.CFI_QUERY)],
  (o) => [write(o, CMD.WRITE_TO_BUFFER)],
  (o) => [write(o, CMD.WRITE_TO_BUFFER), write(o, 1)],
  (o) => [write(o, CMD.WRITE_TO_BUFFER), write(o, 0), write(o, 0x5a)],
];

/**
 * How often each prefix is drawn, in PREFIXES' order: the modes only a prefix reaches (erase,
 * lock, ID, the buffer's count and confirm) more often than those other groups reach too.
 */
const PREFIX_DRAWS: readonly number[] = [0, 1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 7, 7, 7, 8, 9, 9];

/**
 * What a guest that goes on with its command writes next in each prefix's mode, in PREFIXES' order:
 * the data of a program, the confirm of an erase, an unlock and a buffered program, back to array
 * mode after a status, ID or CFI read, the data of a buffered program. After 0xe8 any byte is a
 * count, so there the drawn byte stands (every byte in that mode stays as likely as before).
 */
const CONTINUATIONS: readonly (number | undefined)[] = [0x00, 0x00, CMD.CONFIRM, CMD.CONFIRM, CMD.READ_ARRAY, CMD.READ_ARRAY, CMD.READ_ARRAY, undefined, 0x5a, CMD.CONFIRM];

/** The byte that carries on prefix `k`'s command (none without a prefix). */
export const continuation = (k: number | undefined): number | undefined => (k === undefined ? undefined : CONTINUATIONS[k]);

/** Which prefix (no bias to the first); shrinking goes to the first (a program's setup). */
export const prefixArb = fc.noBias(fc.nat(PREFIX_DRAWS.length - 1)).map((i) => PREFIX_DRAWS[i] ?? 0);

/** The steps of prefix `k` at offset `o` (none when there is no prefix). */
export const prefix = (k: number | undefined, o: number): Op[] => (k === undefined ? [] : (PREFIXES[k] ?? PREFIXES[0]!)(o));

/** `steps`, which end in a read when `width` is set, with that read alone as a shorter form (what it sees may not need the commands before it). */
const readAlone = (steps: (g: Geometry) => Op[], at: Spot, width: Width | undefined): StepGroup =>
  width === undefined ? steps : withForms(steps, { shorter: () => [[(g) => readIf(g, at, width)]] });

/**
 * Every byte in every mode: a prefix that leaves the chip in that mode, then any byte (and a read
 * of what it did). test/generators/reach.test.ts measures how often the default budget reaches
 * each pair; the read comes half the time. Its weight in `stepGroups` is what keeps every pair above the floor.
 */
export const byteInMode: fc.Arbitrary<StepGroup> = fc
  .tuple(spotArb, prefixArb, byteArb, fc.option(widthArb, { nil: undefined, freq: 1 }))
  .map(([at, k, b, width]): StepGroup =>
    readAlone((g) => {
      const o = place(g, at, 1);
      return [...prefix(k, o), write(o, b), ...readIf(g, at, width)];
    }, at, width),
  );

/** A walk's bytes: any but write to buffer, whose count would swallow the rest of the walk and much of the sequence as data (`byteInMode` opens buffers). */
const walkByteArb = fc.oneof({ arbitrary: fc.noBias(fc.constantFrom(...COMMAND_BYTES.filter((b) => b !== CMD.WRITE_TO_BUFFER))), weight: 9 }, { arbitrary: fc.nat(0xff).filter((b) => b !== CMD.WRITE_TO_BUFFER), weight: 1 });

/**
 * A command walk: a few bytes in a row at one spot, each taken in whatever mode the one before
 * left the chip in (a confused driver, or a fuzzer), then now and then a read. One bus cycle per
 * (mode, byte) pair, where `byteInMode` spends two or three; shrinks to fewer bytes.
 */
export const commandWalk: fc.Arbitrary<StepGroup> = fc
  .tuple(spotArb, fc.noBias(fc.array(walkByteArb, { minLength: 2, maxLength: 6 })), fc.option(widthArb, { nil: undefined }))
  .map(([at, bytes, width]): StepGroup =>
    readAlone((g) => {
      const o = place(g, at, 1);
      return [...bytes.map((b) => write(o, b)), ...readIf(g, at, width)];
    }, at, width),
  );
