// Why: a crash already in the corpus should not hide every other finding: its signature (the failed assertion, or the signal and the step) lets an audit recognise it and leave those sequences out.

import type { RunTrace } from "./sequence.js";

/** How a target died, as a run trace records it. */
export interface CrashInfo {
  readonly what: string;
  readonly stderr: string;
}

/**
 * A crash's signature: the failed assertion QEMU printed, without its source path and line (which
 * change between builds), e.g. "bdrv_inactivate_recurse: Assertion `!(bs->open_flags &
 * BDRV_O_INACTIVE)' failed."; for a process killed by a signal it printed nothing about (a
 * SIGSEGV), the signal and the kind of step it died at (`at`), e.g. "killed by SIGSEGV at cont"
 * (coarser than an assertion: every segfault at a `cont` signs alike); for a snapshot command QEMU
 * (or a migration it) refused, the command and QEMU's words, e.g. "refused loadvm: Error -22 while loading VM state".
 * Null for anything else (a hang, a signal with no step to name).
 */
export function crashSignature(c: CrashInfo, at?: string): string | null {
  const m = /([A-Za-z_][A-Za-z0-9_]*: Assertion `.*' failed\.)/.exec(c.stderr);
  if (m?.[1]) return m[1];
  const refused = /\brefused (savevm|loadvm|delvm|migrate)\b/.exec(c.what);
  if (refused) return `refused ${refused[1]}: ${c.stderr.replace(/^Error: /, "").trim()}`;
  const load = /\bexited with status \d+$/.test(c.what) ? /load of migration failed: [^;\n]*/.exec(c.stderr)?.[0] : undefined;
  if (load) return load;
  const signal = /\bwas killed by (SIGSEGV|SIGBUS|SIGILL|SIGFPE)$/.exec(c.what)?.[1];
  return signal !== undefined && at !== undefined ? `killed by ${signal} at ${at}` : null;
}

/** The signature of the crash that ended `trace` (the step it died at named for a signal), or null. */
export function traceCrashSignature(trace: Pick<RunTrace, "violation" | "executed">): string | null {
  const v = trace.violation;
  return v?.crash ? crashSignature(v.crash, trace.executed[v.step]?.op.kind) : null;
}
