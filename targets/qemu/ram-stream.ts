// Why: reads one RAMBlock out of a saved migration stream, the one way to see the flash's RAM without touching the device.

const FLAG = { ZERO: 0x02, PAGE: 0x08, EOS: 0x10, CONTINUE: 0x20 } as const;
const PAGE = 4096;

/** The stream does not hold every page of the block. */
export class StreamError extends Error {
  override readonly name = "StreamError";
}

/**
 * The bytes of RAMBlock `block` (of `size` bytes) as a migration stream saved them. Page records
 * are found by their block name (every run of records for a block starts with it) and followed
 * while they continue that block; later records of a page win, as on a real destination.
 */
export function ramBlockFromStream(stream: Uint8Array, block: string, size: number): Uint8Array {
  const name = new TextEncoder().encode(block);
  const needle = Buffer.from([name.length, ...name]);
  const haystack = Buffer.from(stream.buffer, stream.byteOffset, stream.byteLength);
  const out = new Uint8Array(size);
  const seen = new Uint8Array(Math.ceil(size / PAGE));
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  for (let at = haystack.indexOf(needle, 8); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    let p = at - 8;
    let first = true;
    while (p + 8 <= stream.length) {
      const header = view.getBigUint64(p);
      const flags = Number(header & 0xfffn);
      const offset = Number(header & ~0xfffn);
      const kind = flags & ~FLAG.CONTINUE;
      if ((kind !== FLAG.PAGE && kind !== FLAG.ZERO) || offset + PAGE > size) break;
      if (first === ((flags & FLAG.CONTINUE) !== 0)) break;
      p += 8 + (first ? 1 + name.length : 0);
      first = false;
      if (kind === FLAG.ZERO) {
        out.fill(stream[p] ?? 0, offset, offset + PAGE);
        p += 1;
      } else {
        out.set(stream.subarray(p, p + PAGE), offset);
        p += PAGE;
      }
      seen[offset / PAGE] = 1;
    }
  }
  if (seen.some((s) => s === 0)) throw new StreamError(`the stream does not hold every page of ${block}`);
  return out;
}
