// Why: the properties, the reproducer and the port sort a sequence's steps into snapshot steps and migration steps, and the generators draw snapshot names from the model's list.

import { describe, expect, it } from "vitest";
import { isMigrationStep, isSnapshotStep, SNAPSHOT_NAMES, type Op, type OpKind } from "../../model/index.js";

/** One step of each kind (tsc insists on every kind), with whether it is a snapshot step and whether it is a migration step. */
const byKind = {
  write: [{ kind: "write", offset: 0, width: 1, value: 0xff }, false, false],
  read: [{ kind: "read", offset: 0, width: 1 }, false, false],
  migrate: [{ kind: "migrate", to: "B", storage: "shared", readOnly: false, autostart: true }, false, true],
  "migrate-start": [{ kind: "migrate-start", to: "B", storage: "shared", readOnly: false, autostart: true }, false, true],
  "migrate-finish": [{ kind: "migrate-finish" }, false, true],
  "migrate-cancel": [{ kind: "migrate-cancel" }, false, true],
  "migrate-fail": [{ kind: "migrate-fail" }, false, true],
  cont: [{ kind: "cont" }, false, false],
  stop: [{ kind: "stop" }, false, false],
  reset: [{ kind: "reset" }, false, false],
  "cold-boot": [{ kind: "cold-boot" }, false, false],
  savevm: [{ kind: "savevm", name: "s1", via: "hmp" }, true, false],
  loadvm: [{ kind: "loadvm", name: "s2", via: "job" }, true, false],
  delvm: [{ kind: "delvm", name: "s1", via: "hmp" }, true, false],
} satisfies Record<OpKind, readonly [Op, boolean, boolean]>;
const everyKind = Object.values(byKind);

describe("ops", () => {
  it.each(everyKind)("%j: snapshot step %s, migration step %s", (op, snapshot, migration) => {
    expect(isSnapshotStep(op)).toBe(snapshot);
    expect(isMigrationStep(op)).toBe(migration);
  });

  it("snapshots are named s1 and s2", () => {
    expect(SNAPSHOT_NAMES).toEqual(["s1", "s2"]);
  });
});
