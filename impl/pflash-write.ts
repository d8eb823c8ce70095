// Why: the write side of pflash_cfi01 (command decoding by wcycle), kept apart from the device state so each file stays readable beside the C.

import type { PFlashState } from "./pflash-state.js";

/** Back to read-array: ROMD on, wcycle 0, cmd 0x00 (QEMU's internal read-array value). */
function mode_read_array(pfl: PFlashState): void {
  pfl.romd = true;
  pfl.wcycle = 0;
  pfl.cmd = 0x00;
}

function wcycle0(pfl: PFlashState, offset: number, cmd: number): void {
  switch (cmd) {
    case 0x00: case 0xf0: case 0xff:
      return mode_read_array(pfl);
    case 0x10: case 0x40: case 0x60: case 0x98:
      break;
    case 0x20: {
      const start = offset - (offset % pfl.p.sector_len);
      if (!pfl.ro) {
        pfl.storage.fill(start, pfl.p.sector_len, 0xff);
        pfl.pflash_update(start, pfl.p.sector_len);
      } else {
        pfl.status |= 0x20;
      }
      pfl.status |= 0x80;
      break;
    }
    case 0x50:
      pfl.status = 0x00;
      return mode_read_array(pfl);
    case 0x70: case 0x90:
      pfl.cmd = cmd;
      return;
    case 0xe8:
      pfl.status |= 0x80;
      break;
    default:
      return mode_read_array(pfl); // unimplemented sequence
  }
  pfl.wcycle++;
  pfl.cmd = cmd;
}

function wcycle1(pfl: PFlashState, offset: number, value: number, width: number, cmd: number): void {
  switch (pfl.cmd) {
    case 0x10: case 0x40:
      if (!pfl.ro) {
        pfl.pflash_data_write(offset, value, width);
        pfl.pflash_update(offset, width);
      } else {
        pfl.status |= 0x10;
      }
      pfl.status |= 0x80;
      pfl.wcycle = 0;
      return;
    case 0x20: case 0x28:
      if (cmd === 0xd0) {
        pfl.wcycle = 0;
        pfl.status |= 0x80;
        return;
      }
      return mode_read_array(pfl); // 0xff, or an unimplemented sequence
    case 0xe8: {
      const countBytes = pfl.p.device_width || pfl.p.bank_width;
      const count = countBytes >= 4 ? value >>> 0 : value & ((1 << (8 * countBytes)) - 1);
      pfl.counter = BigInt(count);
      pfl.wcycle++;
      if (pfl.variant.writeBuffer === "buffered") pfl.pflash_blk_write_start(offset);
      // "buffered-from-first-word" and "buffered-at-first-word" open the buffer at the first data word (wcycle2).
      return;
    }
    case 0x60:
      if (cmd === 0xd0 || cmd === 0x01) {
        pfl.wcycle = 0;
        pfl.status |= 0x80;
        return;
      }
      return mode_read_array(pfl);
    case 0x98:
      if (cmd === 0xff) mode_read_array(pfl);
      return;
    default:
      return mode_read_array(pfl);
  }
}

/** Whether the era opens the write buffer at a data word rather than at the count: every word, or (10.0) only when more words follow (F5). */
function opensAtDataWord(pfl: PFlashState): boolean {
  switch (pfl.variant.writeBuffer) {
    case "buffered-at-first-word":
      return true;
    case "buffered-from-first-word":
      return pfl.counter !== 0n;
    default:
      return false;
  }
}

function wcycle2(pfl: PFlashState, offset: number, value: number, width: number): void {
  if (pfl.cmd !== 0xe8) return mode_read_array(pfl);
  const buffered = pfl.variant.writeBuffer !== "straight-to-ram";
  if (opensAtDataWord(pfl) && pfl.blk_offset === 0xffffffff) pfl.pflash_blk_write_start(offset);
  if (!pfl.ro && (!buffered || pfl.blk_offset !== 0xffffffff)) {
    pfl.pflash_data_write(offset, value, width);
  } else {
    pfl.status |= 0x10;
  }
  pfl.status |= 0x80;
  if (pfl.counter === 0n) {
    pfl.wcycle++;
    if (!buffered) {
      if (!pfl.ro) {
        const start = offset - (offset % pfl.writeblock_size);
        pfl.pflash_update(start, pfl.writeblock_size);
      } else {
        pfl.status |= 0x10;
      }
    }
    if (pfl.variant.lastWordKeepsCounter) return;
  }
  pfl.counter = BigInt.asUintN(64, pfl.counter - 1n);
}

function wcycle3(pfl: PFlashState, cmd: number): void {
  if (pfl.cmd !== 0xe8) {
    pfl.pflash_blk_write_abort();
    return mode_read_array(pfl);
  }
  if (pfl.variant.writeBuffer === "straight-to-ram") {
    if (cmd !== 0xd0) return mode_read_array(pfl); // the data already reached RAM
    pfl.wcycle = 0;
    pfl.status |= 0x80;
    return;
  }
  if (cmd === 0xd0 && pfl.ro && pfl.variant.confirmChecksReadOnly) {
    pfl.status |= 0x10;
    pfl.pflash_blk_write_abort();
    return mode_read_array(pfl);
  }
  if (cmd === 0xd0 && (pfl.status & 0x10) === 0) {
    pfl.pflash_blk_write_flush();
    pfl.wcycle = 0;
    pfl.status |= 0x80;
    return;
  }
  pfl.pflash_blk_write_abort();
  mode_read_array(pfl);
}

/** pflash_write(): one guest write of `width` bytes; the low byte of `value` is the command byte. */
export function pflash_write(pfl: PFlashState, offset: number, value: number, width: number): void {
  const cmd = value & 0xff;
  if (pfl.wcycle === 0) pfl.romd = false;
  switch (pfl.wcycle) {
    case 0:
      return wcycle0(pfl, offset, cmd);
    case 1:
      return wcycle1(pfl, offset, value, width, cmd);
    case 2:
      return wcycle2(pfl, offset, value, width);
    case 3:
      return wcycle3(pfl, cmd);
    default:
      return mode_read_array(pfl);
  }
}
