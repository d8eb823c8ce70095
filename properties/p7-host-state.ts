// Why: management reads the VM's state back (QMP query-status, which host it runs on, readonly=on): after every step the target must report what the model says.

import type { Property } from "../engine/property.js";
import type { World } from "../model/index.js";

/** The model holds a live window after the first pass, where QEMU waits at its pre-switchover pause. */
export const atPause = (w: World): boolean => w.outgoing !== null && w.outgoing.position !== "first-pass";

/**
 * P7: after every step, the target's host, run state, readonly flag, whether the process came in by
 * migration, and whether it owns its drive's image (activated it) agree with the model.
 */
export const P7: Property = {
  id: "P7",
  title: "host state matches the model",
  meaning: "After every step, the target's host, run state, readonly flag, incoming-migration flag and drive ownership are the model's.",
  headline: "QEMU reports a VM state other than the one it is in",
  broken: "The VM's state as the target reports it (host, running or paused, readonly, migrated in, owning its drive) differs from the model's.",
  advisory: false,
  needs: ["host-state"],
  exercisedBy: "any step",
  perStorageMode: false,
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        const s = await ctx.target.state();
        const vm = ctx.after.vm;
        const want = { host: vm.host, running: vm.run === "running", readOnly: vm.readOnly, loaded: vm.arrived, driveActive: vm.owns };
        // At the pre-switchover pause QEMU has stopped the VM for the switchover (finish-migrate) whatever management
        // asked: the run state it asked for shows once the migration ends, where this compares it.
        const fields = (Object.keys(want) as (keyof typeof want)[]).filter((f) => f !== "running" || !atPause(ctx.after));
        for (const [field, expected] of fields.map((f) => [f, want[f]] as const)) {
          if (s[field] !== expected) return { message: `the target says ${field} is ${String(s[field])}, the model says ${String(expected)}` };
        }
        return "checked";
      },
    }),
  },
};
