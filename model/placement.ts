// Why: where the VM is, how its drive is attached, whether it runs, and what the hosts' emulators choose where the ideal leaves QEMU a choice: the parts of the world a host event changes.

import type { HostName } from "./ops.js";

/** A host file that can back the flash: each host's local file, or the shared one. */
export type FileName = `${HostName}.fd`;

/**
 * The run state of the VM on its current host, by the names management reads (QMP query-status):
 * `prelaunch` is a VM reset while it was not running; it is paused in every other way.
 */
export type RunState = "running" | "paused" | "prelaunch";

/** Where the VM is and how its flash drive is attached there. */
export interface Placement {
  readonly host: HostName;
  /** The file the flash drive is opened from. */
  readonly file: FileName;
  readonly readOnly: boolean;
  readonly run: RunState;
  /** The VM arrived here by an incoming migration (rather than a boot). */
  readonly arrived: boolean;
  /** The VM's state was loaded from a snapshot (loadvm) since it booted or arrived here. */
  readonly restored: boolean;
  /** The VM has run here since it arrived or booted. */
  readonly hasRun: boolean;
  /**
   * This host owns the drive's image: a boot opens it active; an incoming migration hands it over
   * as it ends, or, with late activation, only when the VM first runs here. Until then the file is
   * not this VM's to keep in step (the source's copy is the one that holds its data).
   */
  readonly owns: boolean;
}

/**
 * Facts about the emulators on the hosts where the ideal leaves QEMU a choice. `lateActivation`:
 * hosts whose emulator manages image activation itself (QEMU 10.0 and later): it hands an incoming VM
 * its images when the VM first runs there, whatever `late-block-activate` says (on the others the
 * capability decides), and takes them over when a migration out of it is cancelled or fails.
 */
export interface Hosts {
  readonly lateActivation: readonly HostName[];
}

/** Every host activates as the capability says (QEMU before 10.0). */
export const NO_LATE_HOSTS: Hosts = { lateActivation: [] };
