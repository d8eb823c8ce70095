// Why: pins the datacenter's own rules: it needs a host, it logs only the device's drive writes, and an era before 7.2.9 cannot take a write buffer in flight.

import { describe, expect, it } from "vitest";
import { Datacenter, NotApplicableError } from "../../impl/datacenter.js";
import { QemuExit } from "../../impl/qemu-process.js";
import { SnapshotRefused } from "../../impl/savevm.js";
import { VARIANTS } from "../../impl/variants.js";
import { datacenter, program, req, thrown, x86Props } from "./helpers.js";

const LOAD_FAILED = "error while loading state for instance 0x1 of device 'pflash_cfi01' (pflash_cfi01: unknown subsection \"pflash_cfi01_blk_write\"); load of migration failed: No such file or directory";

describe("the datacenter", () => {
  it("needs a host to start the VM on; its drive-write log holds only what the device wrote", () => {
    const none = () => new Datacenter({ props: x86Props(1), variant: VARIANTS["qemu-7.2.22"], disks: new Map(), readOnly: false });
    expect(none).toThrow(new NotApplicableError("a datacenter needs at least one host"));
    const { d } = datacenter("qemu-7.2.22");
    expect(d.writes).toEqual([]);
    program(d, 0x10, 0x5a);
    expect(d.writes.map((w) => [w.disk, w.offset])).toEqual([["A.fd", 0]]); // pflash_update() writes whole 512-byte blocks
  });
});

describe("cross-version to an era before 7.2.9 (no write buffer, no subsection for it)", () => {
  it("with a buffered program open the destination cannot load the section and exits; with none open it loads", () => {
    const { d } = datacenter("qemu-7.2.22", { peer: "qemu-7.2.8" });
    d.guestWrite(0, 1, 0xe8);
    d.guestWrite(0, 1, 0x00);
    const exit = thrown(() => d.migrate(req("B", "shared", false, true)));
    expect(exit).toBeInstanceOf(QemuExit);
    expect(exit).toMatchObject({ host: "B", status: 1, message: LOAD_FAILED });
    const other = datacenter("qemu-7.2.22", { peer: "qemu-7.2.8" }).d;
    program(other, 0x10, 0x5a);
    other.migrate(req("B", "shared", false, true));
    expect([other.current.host, other.current.pflash.variant.name, other.current.pflash.storage.byte(0x10)]).toEqual(["B", "qemu-7.2.8", 0x5a]);
  });

  it("a snapshot saved with a buffer open does not load there: loadvm fails as qemu_loadvm_state()'s -ENOENT, leaving the VM stopped", () => {
    const { d } = datacenter("qemu-7.2.22", { peer: "qemu-7.2.8", format: "qcow2" });
    d.guestWrite(0, 1, 0xe8);
    d.guestWrite(0, 1, 0x00);
    d.savevm("s1", false);
    d.guestWrite(0, 1, 0x5a);
    d.guestWrite(0, 1, 0xd0);
    d.migrate(req("B", "shared", false, true));
    expect(() => d.loadvm("s1")).toThrow(new SnapshotRefused("Error -2 while loading VM state"));
    expect([d.current.host, d.current.runstate]).toEqual(["B", "restore-vm"]);
  });
});
