// Why: the QEMU suite runs whenever the binary is there, and says plainly when it is not.

import { existsSync } from "node:fs";

/** The binary under test: $PFLASH_AUDIT_QEMU, or Debian's. */
export const QEMU = process.env.PFLASH_AUDIT_QEMU ?? "/usr/bin/qemu-system-x86_64";

/** True when the QEMU suite can run. */
export const HAVE_QEMU = existsSync(QEMU);

if (!HAVE_QEMU && process.env.PFLASH_AUDIT_REQUIRE_QEMU === "1") {
  throw new Error(`PFLASH_AUDIT_REQUIRE_QEMU=1 but ${QEMU} is not there`);
}
if (!HAVE_QEMU) {
  console.log(`QEMU suite skipped: ${QEMU} not found (install it with scripts/install-qemu.sh, or set PFLASH_AUDIT_QEMU)`);
}
