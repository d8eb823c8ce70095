// Why: a bus step in the words of the datasheet and of QEMU's own tests: which command a written byte is, and where in guest-physical memory the access went.

import { CMD } from "../model/index.js";
import type { Geometry, Op } from "../model/index.js";
import { pcFlashBase } from "../generators/geometries.js";

const NAMES: Readonly<Record<number, string>> = {
  [CMD.READ_ARRAY]: "READ ARRAY",
  [CMD.READ_ARRAY_QEMU]: "READ ARRAY (0x00)",
  [CMD.AMD_PROBE]: "READ ARRAY (AMD reset 0xf0)",
  [CMD.PROGRAM]: "PROGRAM",
  [CMD.PROGRAM_ALT]: "PROGRAM (0x10)",
  [CMD.BLOCK_ERASE]: "BLOCK ERASE",
  [CMD.CLEAR_STATUS]: "CLEAR STATUS",
  [CMD.LOCK_SETUP]: "LOCK SETUP",
  [CMD.READ_STATUS]: "READ STATUS",
  [CMD.READ_ID]: "READ ID",
  [CMD.CFI_QUERY]: "CFI QUERY",
  [CMD.WRITE_TO_BUFFER]: "WRITE TO BUFFER",
  [CMD.CONFIRM]: "CONFIRM",
};

/** What a byte written as a command is, e.g. "PROGRAM"; "unknown command" for the rest. */
export const commandByte = (value: number): string => NAMES[value & 0xff] ?? "unknown command";

/**
 * What a write means given the chip's mode before it (the model's mode names): a command while the
 * chip accepts commands, else the data, count or confirmation the pending command waits for.
 * `countBytes` is how much of the value a write-to-buffer count uses (the device width, or the bank's).
 */
export function writeMeaning(mode: string, value: number, countBytes = 1): string {
  const low = value & 0xff;
  switch (mode) {
    case "program-setup":
      return "program data";
    case "erase-confirm":
      return low === CMD.CONFIRM ? "CONFIRM (block erase)" : "not CONFIRM: back to read array (the sector was erased at 0x20)";
    case "lock-setup":
      return low === CMD.LOCK_BLOCK ? "LOCK BLOCK" : low === CMD.CONFIRM ? "UNLOCK BLOCK (CONFIRM)" : "not a lock command: back to read array";
    case "cfi-query":
      return low === CMD.READ_ARRAY ? "READ ARRAY" : "ignored (CFI query: only 0xff leaves it)";
    case "buffer-count": {
      const count = countBytes >= 4 ? value >>> 0 : value % 2 ** (8 * countBytes);
      return `word count ${count} (${count + 1} ${count === 0 ? "word" : "words"})`;
    }
    case "buffer-data":
      return "write buffer data";
    case "buffer-confirm":
      return low === CMD.CONFIRM ? "CONFIRM (write to buffer)" : "not CONFIRM: the buffer is dropped, back to read array";
    default:
      return commandByte(value);
  }
}

/** What a read answers with in the chip's mode (the model's mode names), in the datasheet's words. */
export function readMeaning(mode: string): string {
  switch (mode) {
    case "read-array":
      return "reads the array";
    case "read-id":
      return "reads the identifier";
    case "cfi-query":
      return "reads the CFI table";
    default:
      return "reads the status register";
  }
}

/** The bytes of a write-to-buffer count on geometry `g`: the device width, or the bank's without one. */
export const countBytesOf = (g: Geometry): number => (g.deviceWidth === 0 ? g.bankWidth : g.deviceWidth);

/** The guest-physical address of a bus step on a pc machine's flash of `size` bytes, e.g. `0xfffdf000`; null for host events. */
export const guestPhysical = (op: Op, size: number): string | null =>
  op.kind === "read" || op.kind === "write" ? `0x${(pcFlashBase(size) + op.offset).toString(16).padStart(8, "0")}` : null;
