// Why: targets reuse folders of one run folder: never two live targets in one folder, and the user's TMPDIR is respected.

import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { runFolder, scratchBases, takeWorkspace, withoutRunFolder } from "../../../targets/qemu/workspace.js";

describe("workspace", () => {
  it("TMPDIR, when set, is the only place; else memory first where there is /dev/shm", () => {
    expect(scratchBases({ TMPDIR: tmpdir() })).toEqual([tmpdir()]);
    expect(scratchBases({})).toEqual(existsSync("/dev/shm") ? ["/dev/shm", tmpdir()] : [tmpdir()]);
  });

  it("live targets get distinct folders of the run folder; a released folder is handed out again", () => {
    const a = takeWorkspace();
    const b = takeWorkspace();
    expect(a.dir).not.toBe(b.dir);
    expect([dirname(a.dir), dirname(b.dir)]).toEqual([runFolder(), runFolder()]);
    a.release();
    a.release();
    const c = takeWorkspace();
    const d = takeWorkspace();
    expect(c.dir).toBe(a.dir);
    expect([b.dir, a.dir]).not.toContain(d.dir);
    for (const w of [b, c, d]) w.release();
  });

  it("messages name the run folder as $RUN, so that report text does not change from run to run", () => {
    const w = takeWorkspace();
    expect(withoutRunFolder(`could not open ${w.dir}/A.fd: Permission denied`)).toBe(`could not open $RUN/${w.dir.slice(runFolder().length + 1)}/A.fd: Permission denied`);
    w.release();
  });
});
