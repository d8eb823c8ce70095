// Why: regression test written by pflash-audit --save: P1 load invariant on impl:qemu-2.1: host B's active, writable drive does not hold what the guest sees (first difference at 0x000000: RAMBlock ff ff ff ff ff ff ff ff, drive 00 ff ff ff ff ff ff ff)
// With asserts = "the bug" it passes while impl:qemu-2.1 still fails P1 on these steps with the recorded
// violation, and fails once the bug is gone; with "the fix" it passes only while P1 holds.

import { it } from "vitest";
import { assertSaved } from "pflash-audit/regression";

const asserts: "the bug" | "the fix" = "the bug";

/** The violation recorded when this file was saved. */
const violation = "host B's active, writable drive does not hold what the guest sees (first difference at 0x000000: RAMBlock ff ff ff ff ff ff ff ff, drive 00 ff ff ff ff ff ff ff)";

// The counterexample; its steps, as pflash-audit prints them (the VM boots on host A):
//   1. migrate-start to B (shared, autostart)
//   2. write.b 0x000000 <- 0xe8
//   3. write.b 0x000000 <- 0x00
//   4. write.b 0x000000 <- 0x00
//   5. write.b 0x000000 <- 0xd0
//   6. migrate-finish
const entry = (
  {
    "schema": "pflash-audit/corpus",
    "version": 1,
    "property": "P1",
    "note": "P1 load invariant on impl:qemu-2.1: host B's active, writable drive does not hold what the guest sees (first difference at 0x000000: RAMBlock ff ff ff ff ff ff ff ff, drive 00 ff ff ff ff ff ff ff)",
    "foundOn": "impl:qemu-2.1",
    "boot": {
      "geometry": {
        "sectorLen": 4096,
        "sectors": 1,
        "bankWidth": 1,
        "deviceWidth": 0,
        "maxDeviceWidth": 0,
        "bigEndian": false,
        "ident": [
          0,
          0,
          0,
          0
        ]
      },
      "readOnly": false,
      "template": "default"
    },
    "ops": [
      {
        "kind": "migrate-start",
        "to": "B",
        "storage": "shared",
        "readOnly": false,
        "autostart": true
      },
      {
        "kind": "write",
        "offset": 0,
        "width": 1,
        "value": 232
      },
      {
        "kind": "write",
        "offset": 0,
        "width": 1,
        "value": 0
      },
      {
        "kind": "write",
        "offset": 0,
        "width": 1,
        "value": 0
      },
      {
        "kind": "write",
        "offset": 0,
        "width": 1,
        "value": 208
      },
      {
        "kind": "migrate-finish"
      }
    ]
  }
);

it("P1 load invariant on impl:qemu-2.1, pflash-audit counterexample: asserts " + asserts, async () => {
  await assertSaved({ asserts, target: "impl:qemu-2.1", violation, entry });
});
