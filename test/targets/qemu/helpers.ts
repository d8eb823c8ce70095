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

/** The side-by-side 10.0.2 that scripts/install-qemu.sh unpacks. */
export const QEMU10 = process.env.PFLASH_AUDIT_QEMU10 ?? ".qemu/10.0.2/usr/bin/qemu-system-x86_64";

/** True when the 10.0.2 tests can run. */
export const HAVE_QEMU10 = existsSync(QEMU10);
if (!HAVE_QEMU10 && process.env.PFLASH_AUDIT_REQUIRE_QEMU === "1") throw new Error(`PFLASH_AUDIT_REQUIRE_QEMU=1 but ${QEMU10} is not there (scripts/install-qemu.sh)`);

/** qemu-img, for the snapshot tests' qcow2 drives (Debian's qemu-utils). */
export const HAVE_QEMU_IMG = existsSync("/usr/bin/qemu-img");
if (!HAVE_QEMU_IMG && process.env.PFLASH_AUDIT_REQUIRE_QEMU === "1") throw new Error("PFLASH_AUDIT_REQUIRE_QEMU=1 but /usr/bin/qemu-img is not there (scripts/install-qemu.sh installs qemu-utils)");
