// Why: QEMU before 10.0 does not say whether a block node is active; the image's file lock does, and the kernel lists it.

import { readFileSync, statSync } from "node:fs";

/**
 * The byte QEMU's file-posix driver locks while its node holds the consistent-read permission
 * (raw_apply_lock_bytes(): 100 + the permission's bit number, and BLK_PERM_CONSISTENT_READ is bit 0).
 * Every active node of an opened drive holds that permission; an incoming migration's destination
 * opens its images inactive (BDRV_O_INACTIVE), which takes no permission, so the byte stays
 * unlocked until bdrv_activate_all(). QEMU takes the lock with open file description locks, which
 * /proc/locks lists as OFDLCK.
 */
export const CONSISTENT_READ_LOCK_BYTE = 100;

/** The kernel's name for a file in /proc/locks: "MAJOR:MINOR:INODE", major and minor in two-digit hex. */
export function lockKey(dev: number, ino: number): string {
  const major = (dev >> 8) & 0xfff;
  const minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
  const two = (n: number): string => n.toString(16).padStart(2, "0");
  return `${two(major)}:${two(minor)}:${ino}`;
}

/** True when `locks` (the text of /proc/locks) has an open file description lock on byte `at` of the file named `key`. */
export function holdsByte(locks: string, key: string, at: number): boolean {
  return locks.split("\n").some((line) => {
    const f = line.trim().split(/\s+/);
    // "1: OFDLCK ADVISORY READ -1 fe:00:2162803 100 101"; a blocked request has "->" before its type.
    const i = f.indexOf(key);
    if (i < 0 || !f.includes("OFDLCK") || f[1] === "->") return false;
    const [start, end] = [Number(f[i + 1]), f[i + 2] === "EOF" ? Infinity : Number(f[i + 2])];
    return start <= at && at <= end;
  });
}

/** Whether some process holds QEMU's consistent-read lock on `file`: a QEMU has it open on an active node. */
export function imageLocked(file: string, procLocks = "/proc/locks"): boolean {
  const st = statSync(file);
  return holdsByte(readFileSync(procLocks, "utf8"), lockKey(st.dev, st.ino), CONSISTENT_READ_LOCK_BYTE);
}
