// Why: the properties, the reproducer and the port sort a sequence's steps into snapshot steps and migration steps, and the generators draw snapshot names from the model's list.

import { describe, expect, it } from "vitest";
import { isMigrationStep, isSnapshotStep, SNAPSHOT_NAMES, type Op, type OpKind } from "../../model/index.js";

/** One step of every kind, with whether it is a snapshot step and whether it is a migration step. */
const everyKind: readonly [Op, boolean, boolean][] = [
  [{ kind: "write", offset: 0, width: 1, value: 0xff }, false, false],
  [{ kind: "read", offset: 0, width: 1 }, false, false],
  [{ kind: "migrate", to: "B", storage: "shared", readOnly: false, autostart: true }, false, true],
  [{ kind: "migrate-start", to: "B", storage: "shared", readOnly: false, autostart: true }, false, true],
  [{ kind: "migrate-finish" }, false, true],
  [{ kind: "migrate-cancel" }, false, true],
  [{ kind: "migrate-fail" }, false, true],
  [{ kind: "cont" }, false, false],
  [{ kind: "stop" }, false, false],
  [{ kind: "reset" }, false, false],
  [{ kind: "cold-boot" }, false, false],
  [{ kind: "savevm", name: "s1", via: "hmp" }, true, false],
  [{ kind: "loadvm", name: "s2", via: "job" }, true, false],
  [{ kind: "delvm", name: "s1", via: "hmp" }, true, false],
];

describe("ops", () => {
  it("the table below has one step of each of the 14 kinds", () => {
    const kinds: OpKind[] = everyKind.map(([op]) => op.kind);
    expect(new Set(kinds).size).toBe(14);
  });

  it.each(everyKind)("%j: snapshot step %s, migration step %s", (op, snapshot, migration) => {
    expect(isSnapshotStep(op)).toBe(snapshot);
    expect(isMigrationStep(op)).toBe(migration);
  });

  it("snapshots are named s1 and s2", () => {
    expect(SNAPSHOT_NAMES).toEqual(["s1", "s2"]);
  });
});
