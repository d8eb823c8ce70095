// Why: the benchmark's overhead ratio must count all of QEMU's process time (shutdown and its migration helpers included) and all of the harness's, launcher shell included.

import { readFileSync } from "node:fs";

/**
 * CPU seconds, summed over processes, that the benchmark reads; nothing is read while `enabled` is
 * false. `qemu` is each QEMU's whole life with the helpers it waited for (its `exec:` migration
 * commands); `qemuUntilQuit` the QEMU process alone up to the moment it was told to quit, a lower bound.
 */
export const cpuAccount = { enabled: false, qemu: 0, qemuUntilQuit: 0, wrappers: 0 };

/**
 * Reads what the shell builtin `times` printed in a launcher wrapper after its program ended: the
 * wrapper's own user and system time, then its children's (the program and whatever it waited for).
 * Null if the text is not in that form.
 */
export function parseTimes(text: string): { readonly wrapper: number; readonly program: number } | null {
  const seconds = [...text.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (seconds.length !== 4) return null;
  const [u, s, cu, cs] = seconds as [number, number, number, number];
  return { wrapper: u + s, program: cu + cs };
}

/** Adds a finished wrapper's `times` file to the account (when accounting). */
export function accountTimes(file: string): void {
  if (!cpuAccount.enabled) return;
  let parsed: ReturnType<typeof parseTimes> = null;
  try {
    parsed = parseTimes(readFileSync(file, "utf8"));
  } catch {
    // the wrapper was killed before it could write it
  }
  if (!parsed) return;
  cpuAccount.qemu += parsed.program;
  cpuAccount.wrappers += parsed.wrapper;
}

/** user + system CPU seconds of a live process of ours, from /proc (0 where /proc is not there). */
export function procCpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
