// Why: the launcher reports how each program ended (a crash is a finding), leaves its stderr and times, and does not pile up zombies.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseTimes } from "../../../targets/qemu/cpu-time.js";
import { Launcher, type Ending } from "../../../targets/qemu/launcher.js";

const dir = mkdtempSync(join(tmpdir(), "pflash-audit-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Launches `argv` and resolves with its pid and, later, its ending. */
async function launch(argv: string[], name: string): Promise<{ pid: number; ended: Promise<Ending> }> {
  let done!: (e: Ending) => void;
  const ended = new Promise<Ending>((r) => (done = r));
  const files = { stderr: join(dir, `${name}.err`), times: join(dir, `${name}.times`) };
  const pid = await Launcher.get().launch(argv, files, done);
  return { pid, ended };
}

/** Zombie children of the launcher's shell. */
function zombies(): number {
  const sh = Launcher.get().pid;
  return readdirSync("/proc")
    .filter((n) => /^\d+$/.test(n))
    .map((n) => {
      try {
        return readFileSync(`/proc/${n}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      } catch {
        return [];
      }
    })
    .filter((f) => f[0] === "Z" && Number(f[1]) === sh).length;
}

describe("Launcher", () => {
  it("reports the exit status, with stderr and the shell's times left in files", async () => {
    const p = await launch(["/bin/sh", "-c", 'echo "it\'s broken" >&2; exit 3'], "status");
    expect(p.pid).toBeGreaterThan(0);
    expect(await p.ended).toEqual({ code: 3 });
    expect(readFileSync(join(dir, "status.err"), "utf8")).toBe("it's broken\n");
    expect(parseTimes(readFileSync(join(dir, "status.times"), "utf8"))).not.toBeNull();
  });

  it("reports the signal that killed a program by name", async () => {
    const p = await launch(["sleep", "30"], "signal");
    process.kill(p.pid, "SIGKILL");
    expect(await p.ended).toEqual({ signal: "SIGKILL" });
  });

  it("reaps the wrappers of ended programs: a long audit does not pile up zombies", async () => {
    for (let i = 0; i < 30; i++) await (await launch(["true"], `z${i}`)).ended;
    // The shell reaps at the next launch: the last wrapper or two (one may still be exiting when `jobs` runs, on a loaded machine) wait, never 30.
    expect(zombies()).toBeLessThanOrEqual(2);
  });
});
