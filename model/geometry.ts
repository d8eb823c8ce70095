// Why: the model's own description of a flash chip's shape, checked once so every other model function can trust it.

/** Bytes per bus access or per device: the only widths the device decodes. */
export type Width = 1 | 2 | 4;

/** The shape of one emulated flash bank, as the guest's firmware sees it. */
export interface Geometry {
  /** Erase-block size in bytes (a power of two). */
  readonly sectorLen: number;
  /** Number of erase blocks. */
  readonly sectors: number;
  /** Bytes the bus carries per access (QEMU's `width` property). */
  readonly bankWidth: Width;
  /** Bytes per flash device on the bus; 0 means "unspecified" (QEMU's legacy mode). */
  readonly deviceWidth: 0 | Width;
  /** Widest mode of each device; 0 means "same as deviceWidth". */
  readonly maxDeviceWidth: 0 | Width;
  /** Byte order of array data on the bus. */
  readonly bigEndian: boolean;
  /** Manufacturer and device identifiers (QEMU's id0..id3), 16 bits each. */
  readonly ident: readonly [number, number, number, number];
}

/** A geometry that cannot describe a flash the device would accept. */
export class GeometryError extends Error {
  override readonly name = "GeometryError";
}

const MAX_FLASH_BYTES = 256 * 1024 * 1024;

const isWidth = (n: number): n is Width => n === 1 || n === 2 || n === 4;
const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/** Total flash size in bytes. */
export const flashSize = (g: Geometry): number => g.sectorLen * g.sectors;

/** Number of flash devices sharing the bus (1 when the device width is unspecified). */
export const devicesOnBus = (g: Geometry): number => (g.deviceWidth === 0 ? 1 : g.bankWidth / g.deviceWidth);

/** The effective widest device mode (QEMU defaults it to the device width). */
export const widestDeviceMode = (g: Geometry): number => (g.maxDeviceWidth === 0 ? g.deviceWidth : g.maxDeviceWidth);

/**
 * Write-buffer size in bytes: 2^8 per device on a byte-wide bus, 2^11 per device otherwise,
 * times the number of devices when they are interleaved.
 */
export const writeBufferBytes = (g: Geometry): number => (g.bankWidth === 1 ? 256 : 2048) * devicesOnBus(g);

/** Returns the list of problems with a geometry; empty when the device would accept it. */
export function geometryProblems(g: Geometry): string[] {
  const problems: string[] = [];
  if (!isPowerOfTwo(g.sectorLen) || g.sectorLen < 512) {
    problems.push(`sector length ${g.sectorLen} is not a power of two of at least 512 bytes`);
  }
  if (!Number.isInteger(g.sectors) || g.sectors < 1) problems.push(`sector count ${g.sectors} is not a positive integer`);
  if (!isWidth(g.bankWidth)) problems.push(`bank width ${g.bankWidth} is not 1, 2 or 4`);
  if (g.deviceWidth !== 0 && (!isWidth(g.deviceWidth) || g.deviceWidth > g.bankWidth)) {
    problems.push(`device width ${g.deviceWidth} is not 0 or a width of at most the bank width`);
  }
  if (g.maxDeviceWidth !== 0 && (!isWidth(g.maxDeviceWidth) || g.maxDeviceWidth < g.deviceWidth)) {
    problems.push(`max device width ${g.maxDeviceWidth} is not 0 or a width of at least the device width`);
  }
  if (g.maxDeviceWidth !== 0 && g.deviceWidth === 0) problems.push("max device width needs a device width");
  if (g.ident.length !== 4 || g.ident.some((v) => !Number.isInteger(v) || v < 0 || v > 0xffff)) {
    problems.push("ident must be four 16-bit values");
  }
  if (problems.length > 0) return problems;
  const size = flashSize(g);
  if (size > MAX_FLASH_BYTES) problems.push(`flash size ${size} exceeds ${MAX_FLASH_BYTES} bytes`);
  if (size % writeBufferBytes(g) !== 0) {
    problems.push(`flash size ${size} is not a multiple of the ${writeBufferBytes(g)}-byte write buffer`);
  }
  return problems;
}

/** Throws a GeometryError naming every problem, or returns the geometry unchanged. */
export function checkGeometry(g: Geometry): Geometry {
  const problems = geometryProblems(g);
  if (problems.length > 0) throw new GeometryError(`invalid flash geometry: ${problems.join("; ")}`);
  return g;
}

/** The largest flash the harness builds: 256 MiB (the command line's --flash-size limit). */
export const MAX_FLASH_SIZE = 256 * 1024 * 1024;
