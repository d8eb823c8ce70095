// Why: every number, hex value, byte dump and plural a user reads is written here, so the same thing is always written the same way.

/** `0x` and the value in lower-case hex, e.g. `0x80`. */
export const hex = (n: number): string => `0x${n.toString(16)}`;

/** `hex(n)`, or `missing` when there is no value (a read that returned nothing). */
export const hexOr = (n: number | undefined, missing: string): string => (n === undefined ? missing : hex(n));

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
