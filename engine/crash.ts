// Why: a crash already in the corpus should not hide every other finding: its signature (the failed assertion) lets an audit recognise it and leave those sequences out.

/** How a target died, as a run trace records it. */
export interface CrashInfo {
  readonly what: string;
  readonly stderr: string;
}

/**
 * A crash's signature: the failed assertion QEMU printed, without its source path and line (which
 * change between builds), e.g. "bdrv_inactivate_recurse: Assertion `!(bs->open_flags &
 * BDRV_O_INACTIVE)' failed." Null for a crash with no assertion (a signal alone is too coarse to
 * tell two bugs apart).
 */
export function crashSignature(c: CrashInfo): string | null {
  const m = /([A-Za-z_][A-Za-z0-9_]*: Assertion `.*' failed\.)/.exec(c.stderr);
  return m?.[1] ?? null;
}
