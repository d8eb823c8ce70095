// Why: a crash already in the corpus should not hide every other finding: its signature (the failed assertion, or the signal) lets an audit recognise it and leave those sequences out.

/** How a target died, as a run trace records it. */
export interface CrashInfo {
  readonly what: string;
  readonly stderr: string;
}

/**
 * A crash's signature: the failed assertion QEMU printed, without its source path and line (which
 * change between builds), e.g. "bdrv_inactivate_recurse: Assertion `!(bs->open_flags &
 * BDRV_O_INACTIVE)' failed."; for a process killed by a signal it printed nothing about (a
 * SIGSEGV), the signal, e.g. "killed by SIGSEGV" (coarser: every such crash signs alike); for a
 * snapshot command QEMU refused, the command and QEMU's words, e.g. "refused loadvm: Error -22 while
 * loading VM state". Null for anything else (a hang).
 */
export function crashSignature(c: CrashInfo): string | null {
  const m = /([A-Za-z_][A-Za-z0-9_]*: Assertion `.*' failed\.)/.exec(c.stderr);
  if (m?.[1]) return m[1];
  const refused = /\brefused (savevm|loadvm|delvm)\b/.exec(c.what);
  if (refused) return `refused ${refused[1]}: ${c.stderr.replace(/^Error: /, "").trim()}`;
  return /\bwas killed by (SIGSEGV|SIGBUS|SIGILL|SIGFPE)$/.exec(c.what)?.[0].replace(/^was /, "") ?? null;
}
