// Why: a harness whose QEMU needed the kill after `quit` must still see the process end: Node exited with 13 (a `record` in CI) while the launcher's report of the kill was on its way.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HAVE_QEMU, QEMU } from "./helpers.js";

const at = (path: string): string => new URL(`../../../${path}`, import.meta.url).href;

describe.skipIf(!HAVE_QEMU)("QemuInstance.quit", () => {
  it("waits for the launcher's report of a killed QEMU in a process with nothing else to keep it alive", () => {
    const dir = mkdtempSync(join(tmpdir(), "pflash-audit-quit-test-"));
    try {
      const script = join(dir, "quit.mts");
      writeFileSync(
        script,
        [
          `import { LIMITS, QemuInstance } from ${JSON.stringify(at("targets/qemu/instance.ts"))};`,
          `import { pflashMachineArgs } from ${JSON.stringify(at("targets/qemu/command-line.ts"))};`,
          `import { haltingFirmware } from ${JSON.stringify(at("targets/qemu/images.ts"))};`,
          `import { takeWorkspace } from ${JSON.stringify(at("targets/qemu/workspace.ts"))};`,
          "const ws = takeWorkspace();",
          "LIMITS.quit = 0; // the kill comes at once, before the SIGTERM's report",
          `const q = await QemuInstance.start(${JSON.stringify(QEMU)}, pflashMachineArgs({ binary: ${JSON.stringify(QEMU)}, machine: "pc", memoryMiB: 32, firmware: haltingFirmware(), drive: haltingFirmware(), driveReadOnly: true }, "-S"), ws.dir, "A0");`,
          "await q.quit();",
          "ws.release();",
          'console.log(q.alive ? "still running" : "gone");',
        ].join("\n"),
      );
      const r = spawnSync(join(process.cwd(), "node_modules/.bin/tsx"), [script], { encoding: "utf8", timeout: 60_000 });
      expect({ status: r.status, out: r.stdout.trim() }, r.stderr).toEqual({ status: 0, out: "gone" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
