// Why: flash shapes to test on: the real machines' (x86 pc, arm virt, scaled down) and random valid ones of both endiannesses.

import fc from "fast-check";
import { flashSize, writeBufferBytes, type Geometry, type Width } from "../model/index.js";

/** x86 `pc`/`q35`: 4 KiB sectors, byte-wide bank, no device width, little endian, ident 0. */
export const x86pc = (sectors: number): Geometry => ({
  sectorLen: 4096,
  sectors,
  bankWidth: 1,
  deviceWidth: 0,
  maxDeviceWidth: 0,
  bigEndian: false,
  ident: [0, 0, 0, 0],
});

/** The size of the pc machine's flash0 (the read-only firmware) in every QEMU the harness starts. */
export const PC_FLASH0_SIZE = 64 * 1024;

/** The largest flash1 the pc machine takes next to its flash0 (8 MiB of flash in all). */
export const PC_MAX_FLASH = 8 * 1024 * 1024 - PC_FLASH0_SIZE;

/** The machine type two QEMU versions ([major, minor]) both load each other's streams on: the older one's own `pc-i440fx-X.Y`. */
export function pcMachineShared(a: readonly [number, number], b: readonly [number, number]): string {
  const older = a[0] * 1000 + a[1] <= b[0] * 1000 + b[1] ? a : b;
  return `pc-i440fx-${older[0]}.${older[1]}`;
}

/** The guest-physical address of a pc machine's flash1 of `size` bytes: right below flash0, which ends at 4 GiB. */
export const pcFlashBase = (size: number): number => 2 ** 32 - PC_FLASH0_SIZE - size;

/** True for the flash shape the pc machine builds from -drive if=pflash, within its size limit. */
export const isX86pc = (g: Geometry): boolean => JSON.stringify(g) === JSON.stringify(x86pc(g.sectors)) && flashSize(g) <= PC_MAX_FLASH;

/** arm `virt`: 256 KiB sectors, 4-byte bank of two x16 devices (the real flash has 256 sectors: 64 MiB). */
export const armVirt = (sectors: number): Geometry => ({
  sectorLen: 256 * 1024,
  sectors,
  bankWidth: 4,
  deviceWidth: 2,
  maxDeviceWidth: 0,
  bigEndian: false,
  ident: [0x89, 0x18, 0, 0],
});

const widths: readonly Width[] = [1, 2, 4];

/** Any geometry the device accepts, up to 1 MiB. */
export const randomGeometry: fc.Arbitrary<Geometry> = fc
  .record({
    sectorShift: fc.integer({ min: 9, max: 16 }),
    sectors: fc.integer({ min: 1, max: 16 }),
    bankWidth: fc.constantFrom(...widths),
    deviceChoice: fc.nat(3),
    widerMax: fc.boolean(),
    bigEndian: fc.boolean(),
    ident: fc.tuple(fc.nat(0xffff), fc.nat(0xffff), fc.nat(0xffff), fc.nat(0xffff)),
  })
  .map(({ sectorShift, sectors, bankWidth, deviceChoice, widerMax, bigEndian, ident }): Geometry => {
    const deviceOptions = [0, ...widths.filter((w) => w <= bankWidth)] as const;
    const deviceWidth = deviceOptions[deviceChoice % deviceOptions.length] ?? 0;
    const maxDeviceWidth = widerMax && deviceWidth !== 0 && deviceWidth < 4 ? ((deviceWidth * 2) as Width) : 0;
    const g: Geometry = { sectorLen: 2 ** sectorShift, sectors, bankWidth, deviceWidth, maxDeviceWidth, bigEndian, ident };
    const buffer = writeBufferBytes(g);
    const size = g.sectorLen * sectors;
    return size % buffer === 0 ? g : { ...g, sectors: Math.ceil(size / buffer) * (buffer / g.sectorLen) };
  });

/** Geometries of exactly `size` bytes: an x86 pc flash, and an arm virt one when 256 KiB sectors divide it. */
export function geometriesOfSize(size: number): fc.Arbitrary<Geometry> {
  const x86 = fc.constant(x86pc(size / 4096));
  return size % (256 * 1024) === 0 ? fc.oneof({ withCrossShrink: true }, x86, fc.constant(armVirt(size / (256 * 1024)))) : x86;
}

/**
 * x86 pc flashes: small ones mostly, now and then one of a real firmware's size: 1 MiB (256 blocks,
 * the most the CFI block count's low byte holds) and OVMF.fd's 4 MiB (whose count needs the high byte).
 */
const x86pcSizes: fc.Arbitrary<Geometry> = fc
  .oneof({ withCrossShrink: true }, { arbitrary: fc.integer({ min: 1, max: 32 }), weight: 4 }, { arbitrary: fc.constantFrom(256, 1024), weight: 1 })
  .map(x86pc);

/** The geometries sequences run on: the two real machines (scaled) and random ones; shrinking goes towards a one-sector x86 flash. */
export const geometries: fc.Arbitrary<Geometry> = fc.oneof(
  { withCrossShrink: true },
  x86pcSizes,
  fc.integer({ min: 1, max: 2 }).map(armVirt),
  randomGeometry,
);
