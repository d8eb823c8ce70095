// Why: a crash the corpus holds is recognised by its assertion, wherever the binary was built, and an audit leaves it out instead of reporting it again for every property.

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { runAudit } from "../../engine/audit.js";
import { DEFAULT_SEED } from "../../engine/check.js";
import { crashSignature } from "../../engine/crash.js";
import { PROPERTIES } from "../../properties/index.js";
import { knownCaseOf, parseCorpusEntry } from "../../replay/corpus.js";
import { portTarget } from "../../targets/port.js";
import { audit, corpusCrashes, portCrashes } from "../properties/helpers.js";

const F7 = "bdrv_inactivate_recurse: Assertion `!(bs->open_flags & BDRV_O_INACTIVE)' failed.";

describe("known crashes", () => {
  it("signs a crash by its failed assertion, without the source path and line; a segfault by its signal; a hang or a refusal not at all", () => {
    expect(crashSignature({ what: "QEMU on host B was killed by SIGABRT", stderr: `qemu-system-x86_64: ../../block.c:6681: ${F7}` })).toBe(F7);
    expect(crashSignature({ what: "QEMU on host B was killed by SIGABRT", stderr: F7 })).toBe(F7);
    expect(crashSignature({ what: "QEMU on host A was killed by SIGSEGV", stderr: "" }, "cont")).toBe("killed by SIGSEGV at cont");
    expect(crashSignature({ what: "QEMU on host A was killed by SIGSEGV", stderr: "vm_state_notify(): a change-state handler freed the entry the walk calls next (use after free)" }, "cont")).toBe("killed by SIGSEGV at cont");
    expect(crashSignature({ what: "QEMU on host A was killed by SIGSEGV", stderr: "" })).toBeNull();
    expect(crashSignature({ what: "QEMU on host A was killed by SIGKILL", stderr: "" })).toBeNull();
    expect(crashSignature({ what: "QEMU on host A refused loadvm s1 (job)", stderr: "Error: Error -22 while loading VM state" })).toBe("refused loadvm: Error -22 while loading VM state");
    expect(crashSignature({ what: "QEMU on host B refused migrate", stderr: "Error: Can't migrate the vm that was paused due to previous migration" })).toBe("refused migrate: Can't migrate the vm that was paused due to previous migration");
    expect(crashSignature({ what: "QEMU on host A did not answer QMP cont within 10 s", stderr: "" })).toBeNull();
    expect(crashSignature({ what: "QEMU on host B exited with status 1", stderr: "qemu-system-x86_64: error while loading state for instance 0x1 of device 'pflash_cfi01'\nqemu-system-x86_64: load of migration failed: No such file or directory" })).toBe("load of migration failed: No such file or directory");
    expect(crashSignature({ what: "QEMU on host B exited with status 1", stderr: "qemu-system-x86_64: -drive: could not open disk image" })).toBeNull();
  });

  it("the corpus holds F7's assertion, F8's signal, F9's refusal and F12's, and the failed load of a buffer before 7.2.9", () => {
    const F12 = "refused migrate: Can't migrate the vm that was paused due to previous migration";
    expect([...corpusCrashes()].sort()).toEqual([F7, "killed by SIGSEGV at cont", "refused loadvm: Error -22 while loading VM state", F12, "load of migration failed: No such file or directory"].sort());
  });

  it("without it an audit of the 7.2.22 port crashes on F7; with it those sequences are left out and counted", async () => {
    const raw = await audit("qemu-7.2.22", "P4", 1000, new Set());
    expect(raw.status).toBe("crashed");
    const known = await audit("qemu-7.2.22", "P4");
    expect(known.status).toBe("held");
    expect(known.status === "held" && known.stats?.knownCrashes).toBeGreaterThan(0);
    if (known.status !== "held" || !known.stats) throw new Error("expected held, with statistics");
    expect(known.stats.generated).toBe(known.stats.run + known.stats.filtered + known.stats.knownCrashes);
  });

  it("knows on each port only the crashes it reproduces: none on the fix, F8 and F9 on 10.0, F7, F8 and F12 on 7.2.22", async () => {
    expect([...(await portCrashes("proposed-fix"))]).toEqual([]);
    expect([...(await portCrashes("qemu-10.0"))].sort()).toEqual(["killed by SIGSEGV at cont", "refused loadvm: Error -22 while loading VM state"]);
    expect([...(await portCrashes("qemu-7.2.22"))].sort()).toEqual([F7, "killed by SIGSEGV at cont", "refused migrate: Can't migrate the vm that was paused due to previous migration"]);
  });

  it("leaves a crash out only where its entry reproduces it: with 10.0 on B the entry holds, so the search reports the crash 7.2.22 on A still has", async () => {
    // F7's entry, and F12's (a refused migrate, which 7.2.22 alone also meets).
    const files = ["qemu-7.2.22-P7-never-activated-vm-migrated-again-aborts.json", "qemu-7.2.22-P1-cancelled-paused-migration-refuses-the-next.json"];
    const known = files.map((f) => knownCaseOf({ file: f, entry: parseCorpusEntry(readFileSync(`corpus/${f}`, "utf8"), f) }));
    const plan = { properties: [PROPERTIES.P4], seed: DEFAULT_SEED, runs: 1000, maxSteps: 30 };
    const alone = await runAudit(portTarget("qemu-7.2.22"), plan, known);
    expect(alone.outcomes[0]?.status).toBe("held");
    const mixed = await runAudit(portTarget("qemu-7.2.22", "qemu-10.0"), plan, known);
    expect(mixed.outcomes[0]?.status).toBe("crashed");
  });
});
