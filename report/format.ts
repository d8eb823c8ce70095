// Why: every number, hex value, byte dump and plural a user reads is written here, so the same thing is always written the same way.

/** `0x` and the value in lower-case hex with the digits of an access of `width` bytes: `0x00`, `0x0080`, `0xdeadbeef`. */
export const hex = (n: number, width = 1): string => `0x${(n >>> 0).toString(16).padStart(width * 2, "0")}`;

/** `hex(n, width)`, or `missing` when there is no value (a read that returned nothing). */
export const hexOr = (n: number | undefined, missing: string, width = 1): string => (n === undefined ? missing : hex(n, width));

/** "1 sequence", "2 sequences": `count` and the word, with an "s" unless the count is 1. */
export const plural = (count: number, word: string): string => `${count.toLocaleString("en-US")} ${count === 1 ? word : `${word}s`}`;

/** A byte count as a size a user would write: `64M`, `128K`, or the bytes. */
export const sizeText = (bytes: number): string =>
  bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)}M` : bytes % 1024 === 0 ? `${bytes / 1024}K` : String(bytes);

/** `part` of `whole` as a whole percentage, e.g. `37%` (`<1%` for a part too small to round up to 1). */
export const percent = (part: number, whole: number): string => {
  if (whole === 0) return "0%";
  const p = Math.round((part / whole) * 100);
  return p === 0 && part > 0 ? "<1%" : `${p}%`;
};

/** A flash offset as six hex digits, e.g. `0x000010`. */
export const offsetHex = (n: number): string => `0x${n.toString(16).padStart(6, "0")}`;

/** One byte as two hex digits without prefix, e.g. `5a`. */
export const byteHex = (n: number): string => n.toString(16).padStart(2, "0");

/** Where two byte ranges first differ, with up to 8 bytes of each side from there. */
export interface Difference {
  readonly offset: number;
  readonly left: { readonly name: string; readonly hex: string };
  readonly right: { readonly name: string; readonly hex: string };
}

/** "first difference at 0x000010: flash 5a ff .., drive 00 00 ..". */
export const differenceText = (d: Difference): string => `first difference at ${offsetHex(d.offset)}: ${d.left.name} ${d.left.hex}, ${d.right.name} ${d.right.hex}`;
