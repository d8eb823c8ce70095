// Why: every host file starts as the same deterministic image: mostly erased like a fresh variable store, with recognisable data every 8th page.

import { IMAGE_PAGE, type PageSource } from "../model/index.js";

const ERASED = new Uint8Array(IMAGE_PAGE).fill(0xff);
const cache = new Map<number, Uint8Array>();

function patterned(index: number): Uint8Array {
  const page = new Uint8Array(IMAGE_PAGE);
  let x = (index + 1) * 0x9e3779b1;
  for (let i = 0; i < IMAGE_PAGE; i++) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + i) >>> 0;
    page[i] = x & 0xff;
  }
  return page;
}

/**
 * The initial contents of every host file: page 0 and 7 of every 8 pages erased (0xff), the rest a
 * fixed pseudo-random pattern. The same index always yields the same (shared, never written) object.
 */
export const template: PageSource = (index) => {
  if (index % 8 !== 4) return ERASED;
  let p = cache.get(index);
  if (!p) {
    p = patterned(index);
    cache.set(index, p);
  }
  return p;
};
