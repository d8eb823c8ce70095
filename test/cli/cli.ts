// Why: runs the real CLI as a user would, in a child process, and captures what it prints and how it exits.

import { spawnSync } from "node:child_process";

/** Output and exit code of one CLI invocation (CI=true, so progress is plain). */
export function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ["bin/pflash-audit.js", ...args], { encoding: "utf8", env: { ...process.env, CI: "true", FORCE_COLOR: "0" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
