// Why: the corpus's crash signatures, written out for the mutation runs (F7, F8, F9, F12), which leave them out as a run with the corpus does; test/engine/crash.test.ts keeps the list equal to the corpus's.

/** Crash signatures (engine/crash.ts) of the corpus's crash entries. */
export const KNOWN_CRASHES: ReadonlySet<string> = new Set([
  "bdrv_inactivate_recurse: Assertion `!(bs->open_flags & BDRV_O_INACTIVE)' failed.",
  "killed by SIGSEGV at cont",
  "refused loadvm: Error -22 while loading VM state",
  "refused migrate: Can't migrate the vm that was paused due to previous migration",
]);
