// Why: what a guest read returns when the chip answers from its registers (status, ID, CFI) rather than from the array.

import { cfiByte } from "./cfi.js";
import { widestDeviceMode, type Geometry, type Width } from "./geometry.js";

const mask = (width: Width): number => (width === 4 ? 0xffffffff : (1 << (width * 8)) - 1);
const u32 = (n: number): number => n >>> 0;

/** Copies the low `laneBytes` of `v` into every lane of a `busBytes`-wide word. */
function replicate(v: number, laneBytes: number, busBytes: number): number {
  const lane = u32(v & mask(laneBytes as Width));
  let out = 0;
  for (let at = 0; at < busBytes; at += laneBytes) out = u32(out | (lane << (at * 8)));
  return out;
}

/** The status register as read with an access of `width` bytes. */
export function statusRead(g: Geometry, status: number, width: Width): number {
  if (g.deviceWidth === 0) return width > 2 ? u32(status | (status << 16)) : status;
  if (width <= g.deviceWidth) return status;
  return u32(replicate(status, g.deviceWidth, width) & mask(width));
}

type Query = "ident" | "cfi";

/** What one device answers at query index `index` in ID mode. */
const identAnswer = (g: Geometry, index: number): number => {
  const low = index & 0xff;
  return low === 0 ? g.ident[0] : low === 1 ? g.ident[1] : 0;
};

/** What the whole bank answers for the bus word at `offset`, with a device width set (see DEPARTURES.queryAddressing). */
function bankAnswer(g: Geometry, query: Query, offset: number): number {
  const dw = g.deviceWidth as Width;
  const widest = widestDeviceMode(g);
  const shift = Math.log2(g.bankWidth) + Math.log2(widest) - Math.log2(dw);
  const index = Math.floor(offset / 2 ** shift);
  let answer: number;
  if (query === "ident") {
    answer = identAnswer(g, index);
  } else {
    answer = cfiByte(g, index);
    if (widest !== dw) answer = dw === 1 ? replicate(answer, 1, widest) : 0;
  }
  return dw < g.bankWidth ? replicate(answer, dw, g.bankWidth) : answer;
}

/** A query read (ID or CFI) of `width` bytes at `offset`. */
export function queryRead(g: Geometry, query: Query, offset: number, width: Width): number {
  if (g.deviceWidth === 0) {
    const index = (offset & 0xff) / g.bankWidth;
    const at = Math.floor(index);
    const v =
      query === "cfi"
        ? cfiByte(g, at)
        : at === 0
          ? (g.ident[0] << 8) | g.ident[1]
          : at === 1
            ? (g.ident[2] << 8) | g.ident[3]
            : 0;
    return u32(v & mask(width));
  }
  if (width <= g.bankWidth) return u32(bankAnswer(g, query, offset) & mask(width));
  let out = 0;
  for (let i = 0; i < width; i += g.bankWidth) {
    const part = u32(bankAnswer(g, query, offset + i * g.bankWidth) & mask(g.bankWidth as Width));
    out = u32(out | (part << (i * 8)));
  }
  return out;
}
