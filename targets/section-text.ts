// Why: both targets show the flash device's migration section in a diff the same way: as the port's loader reads it, in one line.

import { vmstate_decode, type VmstateFields } from "../impl/vmstate.js";

const hex = (n: number, digits = 2): string => `0x${n.toString(16).padStart(digits, "0")}`;

/**
 * The section as the port's loader reads it, in one line: its fields and the open write buffer, or
 * why the load fails. The loader takes only the bytes the port itself would send for what it loaded
 * (test/mutation/vmstate.mutation.ts), so no text stands for a section the port would encode otherwise.
 */
export function sectionText(bytes: Uint8Array, writeblock_size: number): string {
  let f: VmstateFields;
  try {
    f = vmstate_decode(bytes, writeblock_size);
  } catch (e) {
    return `${bytes.length} bytes the port cannot load (${e instanceof Error ? e.message : String(e)})`;
  }
  const blk = f.blk ? `, write buffer open at ${hex(f.blk.offset, 6)} (${f.blk.bytes.length} bytes)` : ", no write buffer";
  return `wcycle ${f.wcycle}, cmd ${hex(f.cmd)}, status ${hex(f.status)}, counter ${f.counter}${blk}`;
}
