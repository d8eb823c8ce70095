// Why: the command state machine of an Intel-command-set flash chip as the guest should see it, as a pure step function.

import { bytesAt, erased, withBytes, type Image } from "./image.js";
import { queryRead, statusRead } from "./bus.js";
import { writeBufferBytes, type Geometry, type Width } from "./geometry.js";

/** A store waiting in the write buffer. */
export interface BufferedStore {
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/** What the chip is doing, and so what the next write means and what a read answers. */
export type Mode =
  | { readonly kind: "read-array" }
  | { readonly kind: "read-status" }
  | { readonly kind: "read-id" }
  | { readonly kind: "cfi-query" }
  | { readonly kind: "program-setup" }
  | { readonly kind: "erase-confirm" }
  | { readonly kind: "lock-setup" }
  | { readonly kind: "buffer-count" }
  /** `window`: the write-buffer-aligned range the words must fall in, set by the first data word (null before it). */
  | { readonly kind: "buffer-data"; readonly window: number | null; readonly stores: readonly BufferedStore[]; readonly left: number }
  | { readonly kind: "buffer-confirm"; readonly window: number; readonly stores: readonly BufferedStore[] };

/** The chip: its mode, its status register and the array the guest reads in read-array mode. */
export interface Chip {
  readonly mode: Mode;
  readonly status: number;
  readonly array: Image;
}

/** Command bytes, named after the datasheet. */
export const CMD = {
  READ_ARRAY: 0xff,
  READ_ARRAY_QEMU: 0x00,
  AMD_PROBE: 0xf0,
  PROGRAM: 0x40,
  PROGRAM_ALT: 0x10,
  BLOCK_ERASE: 0x20,
  CLEAR_STATUS: 0x50,
  LOCK_SETUP: 0x60,
  READ_STATUS: 0x70,
  READ_ID: 0x90,
  CFI_QUERY: 0x98,
  WRITE_TO_BUFFER: 0xe8,
  CONFIRM: 0xd0,
  LOCK_BLOCK: 0x01,
} as const;

/** Status register bits. */
export const SR = { READY: 0x80, ERASE_ERROR: 0x20, PROGRAM_ERROR: 0x10 } as const;

/** A chip fresh from power-on or reset showing `array`. */
export const powerOn = (array: Image): Chip => ({ mode: { kind: "read-array" }, status: SR.READY, array });

/** The chip after a machine reset: read-array, ready, nothing buffered; the array is kept. */
export const reset = (chip: Chip): Chip => powerOn(chip.array);

/** Result of one guest access: the new chip, the value read (reads only), and the array range it changed. */
export interface ChipStep {
  readonly chip: Chip;
  readonly out?: number;
  readonly changed?: { readonly offset: number; readonly length: number };
}

const valueMask = (w: number): number => (w >= 4 ? 0xffffffff : (1 << (w * 8)) - 1);

function encode(g: Geometry, value: number, width: Width): Uint8Array {
  const out = new Uint8Array(width);
  for (let i = 0; i < width; i++) {
    const shift = 8 * (g.bigEndian ? width - 1 - i : i);
    out[i] = (value >>> shift) & 0xff;
  }
  return out;
}

function decode(g: Geometry, bytes: Uint8Array): number {
  let v = 0;
  for (let i = 0; i < bytes.length; i++) {
    const shift = 8 * (g.bigEndian ? bytes.length - 1 - i : i);
    v += (bytes[i] ?? 0) * 2 ** shift;
  }
  return v;
}

/** What a guest read of `width` bytes at `offset` returns. */
export function read(g: Geometry, chip: Chip, offset: number, width: Width): number {
  switch (chip.mode.kind) {
    case "read-array":
      return decode(g, bytesAt(chip.array, offset, width));
    case "read-id":
      return queryRead(g, "ident", offset, width);
    case "cfi-query":
      return queryRead(g, "cfi", offset, width);
    default:
      return statusRead(g, chip.status, width);
  }
}

const at = (chip: Chip, mode: Mode, status = chip.status): Chip => ({ ...chip, mode, status });
const READ_ARRAY: Mode = { kind: "read-array" };
const READ_STATUS: Mode = { kind: "read-status" };

/** A command byte written while the chip is idle (read-array, read-status or read-id). */
function command(g: Geometry, chip: Chip, offset: number, byte: number, writable: boolean): ChipStep {
  const ready = chip.status | SR.READY;
  switch (byte) {
    case CMD.READ_ARRAY:
    case CMD.READ_ARRAY_QEMU:
    case CMD.AMD_PROBE:
      return { chip: at(chip, READ_ARRAY) };
    case CMD.PROGRAM:
    case CMD.PROGRAM_ALT:
      return { chip: at(chip, { kind: "program-setup" }) };
    case CMD.BLOCK_ERASE: {
      const start = offset - (offset % g.sectorLen);
      if (!writable) return { chip: at(chip, { kind: "erase-confirm" }, ready | SR.ERASE_ERROR) };
      const array = erased(chip.array, start, g.sectorLen);
      return {
        chip: { mode: { kind: "erase-confirm" }, status: ready, array },
        changed: { offset: start, length: g.sectorLen },
      };
    }
    case CMD.CLEAR_STATUS:
      return { chip: at(chip, READ_ARRAY, 0) };
    case CMD.LOCK_SETUP:
      return { chip: at(chip, { kind: "lock-setup" }) };
    case CMD.READ_STATUS:
      return { chip: at(chip, READ_STATUS) };
    case CMD.READ_ID:
      return { chip: at(chip, { kind: "read-id" }) };
    case CMD.CFI_QUERY:
      return { chip: at(chip, { kind: "cfi-query" }) };
    case CMD.WRITE_TO_BUFFER:
      return { chip: at(chip, { kind: "buffer-count" }, ready) };
    default:
      return { chip: at(chip, READ_ARRAY) };
  }
}

/** What a guest write of `width` bytes at `offset` does; `writable` is false for a read-only drive. */
export function write(g: Geometry, chip: Chip, offset: number, width: Width, value: number, writable: boolean): ChipStep {
  const byte = value & 0xff;
  const ready = chip.status | SR.READY;
  const mode = chip.mode;
  switch (mode.kind) {
    case "read-array":
    case "read-status":
    case "read-id":
      return command(g, chip, offset, byte, writable);
    case "program-setup": {
      if (!writable) return { chip: at(chip, READ_STATUS, ready | SR.PROGRAM_ERROR) };
      const array = withBytes(chip.array, offset, encode(g, value, width));
      return { chip: { mode: READ_STATUS, status: ready, array }, changed: { offset, length: width } };
    }
    case "erase-confirm":
      return { chip: byte === CMD.CONFIRM ? at(chip, READ_STATUS, ready) : at(chip, READ_ARRAY) };
    case "lock-setup":
      return {
        chip: byte === CMD.CONFIRM || byte === CMD.LOCK_BLOCK ? at(chip, READ_STATUS, ready) : at(chip, READ_ARRAY),
      };
    case "cfi-query":
      return { chip: byte === CMD.READ_ARRAY ? at(chip, READ_ARRAY) : chip };
    case "buffer-count": {
      const countWidth = g.deviceWidth === 0 ? g.bankWidth : g.deviceWidth;
      // The bus carries only the access's bytes; unsigned: a count with the top bit set is a huge count, never a negative one (JavaScript's & is signed).
      const words = ((value & valueMask(Math.min(countWidth, width))) >>> 0) + 1;
      return { chip: at(chip, { kind: "buffer-data", window: null, stores: [], left: words }) };
    }
    case "buffer-data": {
      // The first data word's address is the program's start address: the window is the buffer-aligned range holding it,
      // wherever the 0xe8 and count cycles were written (U-Boot writes them at the sector's base).
      const size = writeBufferBytes(g);
      const window = mode.window ?? offset - (offset % size);
      const inside = offset >= window && offset + width <= window + size;
      const kept = writable && inside;
      const stores = kept ? [...mode.stores, { offset, bytes: encode(g, value, width) }] : mode.stores;
      const status = kept ? ready : ready | SR.PROGRAM_ERROR;
      const next: Mode =
        mode.left > 1
          ? { kind: "buffer-data", window, stores, left: mode.left - 1 }
          : { kind: "buffer-confirm", window, stores };
      return { chip: at(chip, next, status) };
    }
    case "buffer-confirm": {
      if (byte !== CMD.CONFIRM || (chip.status & SR.PROGRAM_ERROR) !== 0) return { chip: at(chip, READ_ARRAY) };
      // A device that is read-only now (say, migrated onto readonly=on mid-program) programs nothing: the confirm fails.
      if (!writable) return { chip: at(chip, READ_ARRAY, ready | SR.PROGRAM_ERROR) };
      let array = chip.array;
      for (const s of mode.stores) array = withBytes(array, s.offset, s.bytes);
      return {
        chip: { mode: READ_STATUS, status: ready, array },
        changed: { offset: mode.window, length: writeBufferBytes(g) },
      };
    }
  }
}
