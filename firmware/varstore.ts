// Why: when a migrated firmware's flash differs from an unmigrated boot's, a firmware developer wants the variables named, not a byte offset: this reads OVMF's variable store.

/** One variable record of the store, as OVMF's variable driver wrote it. */
export interface VariableRecord {
  /** Where its header starts in the store image. */
  readonly offset: number;
  readonly name: string;
  /** The vendor GUID, in its usual text form. */
  readonly guid: string;
  /** VAR_ADDED (live), deleted, in deleted transition, or only the header written. */
  readonly state: "added" | "deleted" | "in-deleted-transition" | "header-only" | "invalid";
  readonly data: Uint8Array;
}

/** The firmware volume's signature, at byte 0x28 of the image. */
const FVH = 0x4856465f; // "_FVH"
/** An authenticated variable header: StartId, State, Reserved, MonotonicCount (at 8), TimeStamp, PubKeyIndex, NameSize (at 36), DataSize (at 40), VendorGuid (at 44). */
const HEADER = 60;
const START_ID = 0x55aa;

/** The GUID at `at` in its text form (the first three fields little-endian). */
function guidAt(b: DataView, at: number): string {
  const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");
  const tail = Array.from({ length: 8 }, (_, i) => hex(b.getUint8(at + 8 + i), 2)).join("");
  return `${hex(b.getUint32(at, true), 8)}-${hex(b.getUint16(at + 4, true), 4)}-${hex(b.getUint16(at + 6, true), 4)}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}

/** The state byte as the variable driver means it: bits are cleared, never set, as a variable goes from written to deleted. */
function stateOf(s: number): VariableRecord["state"] {
  if (s === 0x3f) return "added";
  if ((s & 0x40) !== 0) return s === 0x7f ? "header-only" : "invalid";
  if ((s & 0x02) === 0) return "deleted";
  return (s & 0x01) === 0 ? "in-deleted-transition" : "added";
}

/**
 * The variable records of an OVMF variable store image (a firmware volume whose first area is an
 * authenticated variable store), in the order they were written; throws for an image that is not
 * one. Records are read until the first header without its start id.
 */
export function readVariableStore(image: Uint8Array): VariableRecord[] {
  const b = new DataView(image.buffer, image.byteOffset, image.byteLength);
  if (image.length < 0x100 || b.getUint32(0x28, true) !== FVH) throw new Error("not an OVMF variable store: no firmware volume header (_FVH at 0x28)");
  const start = b.getUint16(0x30, true);
  const end = Math.min(image.length, start + b.getUint32(start + 16, true));
  const out: VariableRecord[] = [];
  let at = start + 28;
  while (at + HEADER <= end && b.getUint16(at, true) === START_ID) {
    const [nameSize, dataSize] = [b.getUint32(at + 36, true), b.getUint32(at + 40, true)];
    if (at + HEADER + nameSize + dataSize > end) break;
    const nameBytes = image.subarray(at + HEADER, at + HEADER + nameSize);
    const name = new TextDecoder("utf-16le").decode(nameBytes).replace(/\0+$/, "");
    const data = image.slice(at + HEADER + nameSize, at + HEADER + nameSize + dataSize);
    out.push({ offset: at, name, guid: guidAt(b, at + 44), state: stateOf(b.getUint8(at + 2)), data });
    at = (at + HEADER + nameSize + dataSize + 3) & ~3;
  }
  return out;
}

/** The live variables (state added) by "name guid". */
const live = (rs: readonly VariableRecord[]): Map<string, VariableRecord> => new Map(rs.filter((r) => r.state === "added").map((r) => [`${r.name} ${r.guid}`, r]));

/** How two stores' live variables differ, one line per variable: missing, extra, or with other data. */
export function variableDifferences(expected: Uint8Array, actual: Uint8Array): string[] {
  const [e, a] = [live(readVariableStore(expected)), live(readVariableStore(actual))];
  const same = (x: Uint8Array, y: Uint8Array) => x.length === y.length && x.every((v, i) => v === y[i]);
  const out: string[] = [];
  for (const [k, r] of e) {
    const other = a.get(k);
    if (!other) out.push(`${r.name} (${r.guid}) is missing`);
    else if (!same(r.data, other.data)) out.push(`${r.name} (${r.guid}) holds other data (${other.data.length} bytes, expected ${r.data.length})`);
  }
  for (const [k, r] of a) if (!e.has(k)) out.push(`${r.name} (${r.guid}) is there but should not be`);
  return out;
}
