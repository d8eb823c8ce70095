#!/usr/bin/env python3
# Why: standalone reproducer of a pflash_cfi01 counterexample (P1 load invariant breaks), written by pflash-audit 0.1.0.
r"""pflash_cfi01: the destination's drive does not hold the migrated flash (P1 load invariant).

Finding F1: a destination started with -S owns its drive as soon as the migration completes, but 7.2.22 rewrites it only at cont; until then the active, writable drive is stale.

Found on impl:qemu-7.2.22 with corpus entry corpus/qemu-7.2.22-P1-paused-destination-stale.json; written by pflash-audit 0.1.0.

Run:   python3 THIS_FILE [QEMU]
       QEMU is the qemu-system-x86_64 to try (default: the one on PATH).
Needs: Linux, python3 3.6 or newer (standard library only) and the QEMU binary. Every process
       and file it makes is gone when it ends, also on Ctrl-C.
Exit:  1 the bug shows, 0 it does not, 125 the steps could not be run (git bisect run's skip),
       2 bad arguments, 130 interrupted.

Each host is one QEMU process (TCG, pc machine) with a halting firmware on flash0 and the drive
under test on flash1; guest accesses go through qtest, management through QMP, migrations
"exec:cat" through a file. Every command is printed as it is sent.
"""

import base64, json, os, re, resource, shutil, signal, socket, subprocess, sys, tempfile, time, traceback

# --- the counterexample: the steps, and the check after the step where it broke ---

FLASH_SIZE = 0x00001000  # 4 KiB sectors x 1, bank width 1, no device width, little endian
READ_ONLY = False  # flash1 on host A opened with readonly=on
PEER = False  # hosts B and C run a second QEMU binary
CRASH = None  # not a crash
FAILING_STEP = 3
FORMAT = "raw"  # the drives are raw files
DRIVE_OPTIONS = "format=raw"
INITIAL = None  # every drive starts as the harness's initial image


def steps(r):
    r.boot()
    r.write(1, "write.b 0x000000 <- 0x40 (PROGRAM) at guest-physical 0xfffef000", 0x000000, 1, 0x40)
    r.write(2, "write.b 0x000000 <- 0x00 (program data) at guest-physical 0xfffef000", 0x000000, 1, 0x00)
    r.migrate(3, "migrate to B (non-shared, -S)", "B", "non-shared", False, False, False)
    r.check_drive_holds_ram(3)


# What main() runs; the model expects the same whichever QEMU runs it.
PHASES = {
    (False, False): ("the same whichever QEMU runs the steps", [("steps", steps)]),
    (True, True): ("the same whichever QEMU runs the steps", [("steps", steps)]),
}


# --- how the steps run: the same in every reproducer ---

LIMITS = {"start": 10.0, "qtest": 5.0, "qmp": 10.0, "quit": 3.0, "migration": 30.0, "cancel": 10.0}
FOUR_GIB = 1 << 32
GUEST_RAM_MIB = 32
FIRMWARE_SIZE = 64 * 1024
PAGE = 4096



class Died(Exception):
    """A QEMU process exited, was killed, or stopped answering (what a crash finding is)."""

    def __init__(self, text, stderr=""):
        Exception.__init__(self, text)
        self.stderr = stderr


class CannotRun(Exception):
    """The steps could not be run as written (QEMU refused a command, a migration failed, a window closed): neither the bug nor its absence."""


class Bug(Exception):
    """The bug shows."""


def say(text):
    print(text, flush=True)


def pattern_page(index):
    """Page INDEX of every drive's initial contents: erased, except every 8th page from 4 on (a fixed pattern)."""
    if index % 8 != 4:
        return b"\xff" * PAGE
    out = bytearray(PAGE)
    x = ((index + 1) * 0x9E3779B1) & 0xFFFFFFFF
    for i in range(PAGE):
        x = (((x ^ (x >> 15)) * 0x2C1B3C6D) + i) & 0xFFFFFFFF
        out[i] = x & 0xFF
    return bytes(out)


def initial_image(cache=[]):
    """What every drive file holds when the run begins (FLASH_SIZE bytes), built once: the harness's own
    pattern, or (INITIAL) a recorded firmware store as the bytes that are not 0xff."""
    if not cache:
        if INITIAL is None:
            cache.append(b"".join(pattern_page(i) for i in range(FLASH_SIZE // PAGE)))
        else:
            cache.append(with_changes(b"\xff" * FLASH_SIZE, INITIAL))
    return cache[0]


def with_changes(image, changes):
    out = bytearray(image)
    for offset, hexbytes in changes:
        data = bytes.fromhex(hexbytes)
        out[offset:offset + len(data)] = data
    return bytes(out)


def first_difference(a, b):
    for i in range(min(len(a), len(b))):
        if a[i] != b[i]:
            return i
    return -1 if len(a) == len(b) else min(len(a), len(b))


def hex8(data, at):
    return " ".join("%02x" % v for v in data[at:at + 8])


def ram_from_stream(stream, block, size):
    """The bytes of the RAMBlock named BLOCK as a saved migration stream holds them (later records of a page win), or None."""
    name = block.encode()
    needle = bytes([len(name)]) + name
    out = bytearray(size)
    seen = [False] * (size // PAGE)
    at = stream.find(needle, 8)
    while at >= 0:
        p, first = at - 8, True
        while p + 8 <= len(stream):
            header = int.from_bytes(stream[p:p + 8], "big")
            flags, offset = header & 0xFFF, header & ~0xFFF
            kind = flags & ~0x20
            if kind not in (0x08, 0x02) or offset + PAGE > size or first == bool(flags & 0x20):
                break
            p += 8 + (1 + len(name) if first else 0)
            first = False
            if kind == 0x02:
                out[offset:offset + PAGE] = bytes([stream[p] if p < len(stream) else 0]) * PAGE
                p += 1
            else:
                out[offset:offset + PAGE] = stream[p:p + PAGE]
                p += PAGE
            seen[offset // PAGE] = True
        at = stream.find(needle, at + 1)
    return bytes(out) if all(seen) else None


def image_locked(path):
    """True when some process holds QEMU's consistent-read lock (byte 100, an OFD lock) on the file PATH."""
    st = os.stat(path)
    key = "%02x:%02x:%d" % (os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)
    with open("/proc/locks") as f:
        for line in f:
            fields = line.split()
            if key not in fields or "OFDLCK" not in fields or fields[1] == "->":
                continue
            i = fields.index(key)
            end = float("inf") if fields[i + 2] == "EOF" else int(fields[i + 2])
            if int(fields[i + 1]) <= 100 <= end:
                return True
    return False


STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def child_setup(parent):
    """Runs in each QEMU child before exec: no core file (F7 aborts on purpose), the signals this script holds while
    starting it, and SIGKILL if this script dies (Linux prctl PR_SET_PDEATHSIG; checked, in case it died first)."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except Exception:
        pass
    if os.getppid() != parent:
        os._exit(1)



def quote(s):
    return s if s and all(c.isalnum() or c in "-_./=:,+@%" for c in s) else "'" + s.replace("'", "'\\''") + "'"



def make_qcow2(raw, path):
    """PATH as a qcow2 image of the raw file RAW (qemu-img, which comes with QEMU's utilities)."""
    qemu_img = shutil.which("qemu-img")
    if not qemu_img:
        raise CannotRun("qemu-img not found on PATH: a snapshot reproducer needs it for its qcow2 drives (Debian: qemu-utils)")
    say("  $ %s convert -f raw -O qcow2 %s %s" % (qemu_img, quote(raw), quote(path)))
    subprocess.run([qemu_img, "convert", "-f", "raw", "-O", "qcow2", raw, path], check=True, stdout=subprocess.DEVNULL)
    os.unlink(raw)


def qcow2_bytes(data):
    """The virtual disk of qcow2 image DATA (active layer): each cluster through the L1 and L2 tables; unallocated and zero clusters read as zeros."""
    be = lambda at: int.from_bytes(data[at:at + 8], "big")
    if data[:4] != b"QFI\xfb":
        raise CannotRun("the drive is not a qcow2 image")
    cluster = 1 << int.from_bytes(data[20:24], "big")
    size, l1, mask = be(24), be(40), 0x00FFFFFFFFFFFE00
    out = bytearray(size)
    for c in range((size + cluster - 1) // cluster):
        l2 = be(l1 + 8 * (c // (cluster // 8))) & mask
        entry = be(l2 + 8 * (c % (cluster // 8))) if l2 else 0
        if entry & (1 << 62):
            raise CannotRun("the drive has a compressed cluster")
        if entry & mask and not entry & 1:
            at = entry & mask
            out[c * cluster:(c + 1) * cluster] = data[at:at + min(cluster, size - c * cluster)]
    return bytes(out)



class Channel:
    """Lines from a socket QEMU connected to, every wait bounded, a dead process noticed."""

    def __init__(self, sock, q, kind):
        self.sock, self.q, self.kind, self.buffer = sock, q, kind, b""

    def send(self, line):
        say("     %s %s> %s" % (self.q.label, self.kind, line))
        try:
            self.sock.sendall(line.encode() + b"\n")
        except OSError:
            raise self.q.died()

    def line(self, limit, what):
        deadline = time.monotonic() + limit
        while b"\n" not in self.buffer:
            if time.monotonic() > deadline:
                self.q.kill()
                raise Died("%s did not answer %s within %g s" % (self.q.name, what, limit))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            except ConnectionResetError:
                chunk = b""  # a process that crashes with a reply unsent resets the connection
            if not chunk:
                raise self.q.died()
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8", "replace")


class Qemu:
    """One QEMU process, with qtest and QMP on unix sockets it connects to."""

    def __init__(self, run, host, binary, args):
        self.label = "%s%d" % (host, len(run.processes))
        self.name = "QEMU on host %s" % host
        self.events = []
        base = os.path.join(run.dir, self.label)
        listeners = []
        for kind in ("qtest", "qmp"):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            if os.path.exists(base + "." + kind):
                os.unlink(base + "." + kind)
            s.bind(base + "." + kind)
            s.listen(1)
            s.settimeout(0.1)
            listeners.append(s)
        argv = [binary] + args + ["-qtest", "unix:%s.qtest" % base, "-qtest-log", "/dev/null", "-qmp", "unix:%s.qmp" % base]
        say("  $ " + " ".join(quote(a) for a in argv))
        self.err_path = base + ".err"
        self.err_seen = 0
        # A signal between starting the process and tracking it would leave it behind: held until it is tracked.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            with open(self.err_path, "wb") as err:
                parent = os.getpid()
                self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, cwd=run.dir, preexec_fn=lambda: child_setup(parent))
            run.processes.append(self)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        socks = []
        deadline = time.monotonic() + LIMITS["start"]
        try:
            for s in listeners:
                while True:
                    if self.proc.poll() is not None:
                        raise self.died("while starting")
                    if time.monotonic() > deadline:
                        self.kill()
                        raise Died("%s did not connect within %g s" % (self.name, LIMITS["start"]))
                    try:
                        conn, _ = s.accept()
                        break
                    except socket.timeout:
                        continue
                conn.settimeout(0.1)
                socks.append(conn)
        finally:
            for s in listeners:
                s.close()
            for kind in ("qtest", "qmp"):
                os.unlink(base + "." + kind)
        self.qtest_channel, self.qmp_channel = Channel(socks[0], self, "qtest"), Channel(socks[1], self, "qmp")
        self.qmp_channel.line(LIMITS["qmp"], "the QMP greeting")
        self.qmp("qmp_capabilities")

    def stderr_tail(self):
        try:
            with open(self.err_path, "rb") as f:
                text = f.read()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""
        return " | ".join(text.strip().split("\n")[-3:])

    def new_stderr(self):
        try:
            with open(self.err_path, "rb") as f:
                f.seek(self.err_seen)
                text = f.read()
        except OSError:
            return ""
        self.err_seen += len(text)
        return text.decode("utf-8", "replace")

    def died(self, when=""):
        try:
            rc = self.proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            self.kill()
            return Died("%s closed its channel but goes on running" % self.name)
        how = "was killed by %s" % signal.Signals(-rc).name if rc < 0 else "exited with status %d" % rc
        tail = self.stderr_tail()
        return Died("%s %s%s%s" % (self.name, how, " " + when if when else "", "; stderr: " + tail if tail else ""), tail)

    def qtest(self, line):
        self.qtest_channel.send(line)
        while True:
            reply = self.qtest_channel.line(LIMITS["qtest"], 'qtest "%s"' % line)
            last = reply[reply.rfind("\r") + 1:]
            if last.startswith("FAIL"):
                raise CannotRun('%s: qtest "%s" answered "%s"' % (self.name, line, last))
            if last.startswith("OK"):
                return last[2:].strip()

    def qmp(self, command, arguments=None):
        self.qmp_channel.send(json.dumps({"execute": command, "arguments": arguments or {}}, separators=(",", ":")))
        while True:
            msg = json.loads(self.qmp_channel.line(LIMITS["qmp"], "QMP " + command))
            if "event" in msg:
                self.events.append(msg)
            elif "error" in msg:
                raise CannotRun("%s: QMP %s: %s" % (self.name, command, msg["error"].get("desc", "")))
            else:
                return msg.get("return")

    def wait_event(self, match, limit, what):
        """The first QMP event MATCH accepts (earlier ones are dropped)."""
        while True:
            msg = self.events.pop(0) if self.events else json.loads(self.qmp_channel.line(limit, what))
            if "event" in msg and match(msg):
                return msg

    def wait_migration(self, statuses, limit, what):
        """The status of the first QMP MIGRATION event with one of STATUSES."""
        while True:
            msg = self.events.pop(0) if self.events else json.loads(self.qmp_channel.line(limit, what))
            if msg.get("event") == "MIGRATION" and msg.get("data", {}).get("status") in statuses:
                return msg["data"]["status"]

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()

    def quit(self):
        """SIGTERM (QEMU's own shutdown path, as QMP quit), SIGKILL if it has not exited in time."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=LIMITS["quit"])
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for c in (getattr(self, "qtest_channel", None), getattr(self, "qmp_channel", None)):
            if c:
                c.sock.close()




def data_dir_args(binary):
    data = os.path.join(os.path.dirname(binary), "..", "share", "qemu")
    return [] if binary.startswith("/usr/bin/") or not os.path.exists(data) else ["-L", data]


class Run:
    """One run of the steps: each host a QEMU process on its own drive file, in a folder of its own."""

    def __init__(self, folder, qemu, peer, machine):
        self.dir, self.qemu, self.peer, self.machine = folder, qemu, peer, machine
        self.processes, self.created, self.reads = [], set(), []
        self.migrations, self.live, self.current, self.loaded, self.n = 0, None, None, False, 0
        self.firmware = os.path.join(folder, "flash0.fd")
        with open(self.firmware, "wb") as f:
            f.write(b"\xff" * (FIRMWARE_SIZE - 16) + b"\xfa\xf4\xeb\xfd" + b"\xff" * 12)
        self.host, self.file, self.read_only, self.seen, self.ro_copy = "A", self.local_file("A"), READ_ONLY, None, None
        self.base = FOUR_GIB - FIRMWARE_SIZE - FLASH_SIZE

    def local_file(self, host):
        path = os.path.join(self.dir, host + ".fd")
        if host not in self.created:
            with open(path + ".raw" if FORMAT == "qcow2" else path, "wb") as f:
                f.write(initial_image())
            if FORMAT == "qcow2":
                make_qcow2(path + ".raw", path)
            self.created.add(host)
        return path

    def binary_on(self, host):
        return self.peer if self.peer and host in ("B", "C") else self.qemu

    def start(self, host, drive, read_only, incoming, paused):
        binary = self.binary_on(host)
        args = ["-machine", self.machine, "-m", str(GUEST_RAM_MIB), "-nodefaults", "-display", "none", "-accel", "tcg", "-no-user-config",
                "-global", "migration.x-events=on"] + (["-S"] if paused else []) + (["-incoming", "defer"] if incoming else []) + [
                "-drive", "if=pflash,unit=0,format=raw,readonly=on,file=" + self.firmware,
                "-drive", "if=pflash,unit=1," + DRIVE_OPTIONS + ",file=" + drive + (",readonly=on" if read_only else "")] + data_dir_args(binary)
        return Qemu(self, host, binary, args)

    # --- what the guest and management do ---

    def step(self, n, text):
        self.n = n
        say("%d. %s" % (n, text))
        if self.current:
            self.current.new_stderr()
        self.before = (self.current, self.file)
        self.ro_copy = None
        if self.read_only:
            with open(self.file, "rb") as f:
                self.ro_copy = (self.file, f.read())

    def boot(self):
        say("boot host A from A.fd")
        self.current = self.start("A", self.file, self.read_only, False, True)
        self.current.qmp("cont")
        self.seen = self.romd_reader()

    def read(self, n, text, offset, width, model, check):
        self.step(n, text)
        self.still_open()
        got = int(self.current.qtest("read%s 0x%x" % ("bwl"[width // 2], self.base + offset)), 16)
        digits = 2 * width
        if check == "earlier":
            expected, label = (self.baseline.pop(0) if self.baseline else None), "without the migrations"
        else:
            expected, label = model, "the model"
        self.reads.append(got)
        aside = "; differs, but this reproducer does not judge this read" if not check and expected is not None and got != expected else ""
        say("   -> 0x%0*x (%s: %s%s)" % (digits, got, label, "?" if expected is None else "0x%0*x" % (digits, expected), aside))
        if check and expected is not None and got != expected:
            if check == "earlier":
                raise Bug("the read at flash offset 0x%06x returned 0x%0*x with the migrations and 0x%0*x without them" % (offset, digits, got, digits, expected))
            raise Bug("the read at flash offset 0x%06x returned 0x%0*x, the model says 0x%0*x" % (offset, digits, got, digits, expected))

    def write(self, n, text, offset, width, value):
        self.step(n, text)
        self.still_open()
        self.seen = None
        self.current.qtest("write%s 0x%x 0x%x" % ("bwl"[width // 2], self.base + offset, value))

    def cont(self, n, text):
        self.step(n, text)
        self.current.qmp("cont")

    def stop(self, n, text):
        self.step(n, text)
        self.current.qmp("stop")

    def reset(self, n, text):
        self.step(n, text)
        self.current.qmp("system_reset")

    def cold_boot(self, n, text):
        self.step(n, text)
        self.current.quit()
        self.current = self.start(self.host, self.file, self.read_only, False, True)
        self.current.qmp("cont")
        self.loaded = False
        self.seen = self.romd_reader()

    def outgoing(self, to, storage):
        self.migrations += 1
        stream = os.path.join(self.dir, "migration%d" % self.migrations)
        block = {"blk": True} if storage == "block" else {"inc": True} if storage == "block-inc" else {}
        return stream, (self.file if storage == "shared" else self.local_file(to)), block

    def send_migrate(self, src, args):
        """QMP migrate; QEMU refusing it (F12's postmigrate) is the bug when the counterexample is that refusal, as for a snapshot command."""
        try:
            src.qmp("migrate", args)
        except CannotRun as e:
            said = str(e).split(": QMP migrate: ", 1)
            if len(said) < 2:
                raise
            raise Died("%s refused migrate" % src.name, "refused migrate: %s" % said[1])

    def migrate(self, n, text, to, storage, read_only, autostart, late):
        self.step(n, text)
        stream, file, block = self.outgoing(to, storage)
        src = self.current
        # The destination starts as the harness starts it, with the source's migrate command (each process sees the same
        # commands); a refused migration quits it unused.
        dst = self.start(to, file, read_only, True, not autostart)
        try:
            self.send_migrate(src, dict({"uri": "exec:cat > " + stream}, **block))
        except Died:
            dst.quit()
            raise
        self.switch_over(src, to, file, read_only, autostart, late, stream, dst)

    def migrate_start(self, n, text, to, storage, read_only, autostart, late, first_pass=False):
        """Held after the first pass (at the pre-switchover pause), or FIRST_PASS: guest RAM filled, precopy throttled to a crawl before the flash's turn."""
        self.step(n, text)
        stream, file, block = self.outgoing(to, storage)
        src = self.current
        if first_pass:
            src.qtest("memset 0x100000 0x800000 0x5a")
            bandwidth = src.qmp("query-migrate-parameters")["max-bandwidth"]
            src.qmp("migrate-set-parameters", {"max-bandwidth": 100})
            self.send_migrate(src, dict({"uri": "exec:cat > " + stream}, **block))
            self.live = (src, to, file, read_only, autostart, late, stream, bandwidth, block)
            # The window opens once precopy crawls: a cancel in its setup and first writes leaves 10.0.2 a channel error.
            deadline = time.monotonic() + LIMITS["migration"]
            while not self.crawling(bool(block)):
                if time.monotonic() > deadline:
                    raise CannotRun("%s: the live migration sent no page within %g s" % (src.name, LIMITS["migration"]))
                time.sleep(0.005)
            return
        src.qmp("migrate-set-capabilities", {"capabilities": [{"capability": "pause-before-switchover", "state": True}]})
        self.send_migrate(src, dict({"uri": "exec:cat > " + stream}, **block))
        status = src.wait_migration(("pre-switchover", "completed", "failed", "cancelled"), LIMITS["migration"], "the live migration's first pass")
        if status != "pre-switchover":
            raise CannotRun("%s: the live migration ended (%s) instead of pausing before its switchover" % (src.name, status))
        self.live = (src, to, file, read_only, autostart, late, stream, None, block)

    def migrate_finish(self, n, text):
        self.step(n, text)
        src, to, file, read_only, autostart, late, stream, bandwidth, _ = self.live
        self.live = None
        if bandwidth is None:
            src.qmp("migrate-continue", {"state": "pre-switchover"})
        else:
            src.qmp("migrate-set-parameters", {"max-bandwidth": 1 << 40})
        self.switch_over(src, to, file, read_only, autostart, late, stream)

    def migrate_cancel(self, n, text):
        self.step(n, text)
        self.cancel()

    def migrate_fail(self, n, text):
        self.step(n, text)
        _, to, file, read_only, _, _, stream, _, block = self.live
        # The destination dies in the middle of the stream: it loads what the source has sent so far and fails at its
        # end. A block migration's destination dies before reading: the drive data, first in the stream, would land in its file.
        dst = self.start(to, file, read_only, True, True)
        if not block:
            try:
                dst.qmp("migrate-incoming", {"uri": "exec:cat " + stream})
                if dst.wait_migration(("completed", "failed"), LIMITS["migration"], "the incoming migration of a partial stream") == "completed":
                    raise CannotRun("%s: the destination loaded a partial stream as if it were whole" % dst.name)
            except Died as gone:
                # It exits by itself once the load has failed (before or after the event); a hang or a signal is not that.
                try:
                    code = dst.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    raise gone
                if code < 0:
                    raise gone
        dst.kill()
        dst.quit()
        self.cancel()

    def cancel(self):
        src, bandwidth = self.live[0], self.live[7]
        self.live = None
        src.qmp("migrate_cancel")
        src.wait_migration(("cancelled",), LIMITS["cancel"], "the cancelled migration")
        if bandwidth is None:
            src.qmp("migrate-set-capabilities", {"capabilities": [{"capability": "pause-before-switchover", "state": False}]})
        else:
            src.qmp("migrate-set-parameters", {"max-bandwidth": bandwidth})

    def completed(self, src):
        if src.wait_migration(("completed", "failed"), LIMITS["migration"], "the outgoing migration") != "completed":
            raise CannotRun("%s: the outgoing migration failed: %s" % (src.name, (src.qmp("query-migrate") or {}).get("error-desc", "")))

    def switch_over(self, src, to, file, read_only, autostart, late, stream, dst=None):
        """The destination (DST, or one started now) waits while the source finishes sending (as in a real migration), then loads the stream."""
        dst = dst or self.start(to, file, read_only, True, not autostart)
        self.completed(src)
        if late:
            dst.qmp("migrate-set-capabilities", {"capabilities": [{"capability": "late-block-activate", "state": True}]})
        dst.qmp("migrate-incoming", {"uri": "exec:cat " + stream})
        if dst.wait_migration(("completed", "failed"), LIMITS["migration"], "the incoming migration") != "completed":
            # A destination that exits on a stream it cannot load is a crash; one that stays up merely refused it.
            try:
                dst.proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                raise CannotRun("%s: the incoming migration failed" % dst.name)
            raise dst.died("after the incoming migration failed")
        src.quit()
        self.current, self.host, self.file, self.read_only, self.loaded = dst, to, file, read_only, True
        self.seen = lambda: self.loaded_ram(stream)

    def still_open(self):
        if not self.live:
            return
        name = self.live[0].name
        if self.live[7] is None:
            status = (self.live[0].qmp("query-migrate") or {}).get("status")
            if status != "pre-switchover":
                raise CannotRun("%s: the live migration left its window on its own (%s)" % (name, status))
            return
        pages = self.sent_pages()
        if pages >= GUEST_RAM_MIB * 256:
            raise CannotRun("%s: the first pass reached the end of guest RAM (%d pages sent) while the window was open" % (name, pages))

    def query_migrate(self):
        s = self.live[0].qmp("query-migrate") or {}
        if s.get("status") not in ("active", "setup"):
            raise CannotRun("%s: the live migration left its first pass on its own (%s)" % (self.live[0].name, s.get("status")))
        return s

    def sent_pages(self, s=None):
        s = s or self.query_migrate()
        return s.get("ram", {}).get("duplicate", 0) + s.get("ram", {}).get("normal", 0)

    def crawling(self, block):
        """Active, with its first pages sent (block migration copies the drive first and sends none at this speed)."""
        s = self.query_migrate()
        return s.get("status") == "active" and (self.sent_pages(s) > 0 or block)



    # --- what the checks look at ---

    def romd_reader(self):
        cache = []

        def read():
            if not cache:
                cache.append(base64.b64decode(self.current.qtest("b64read 0x%x 0x%x" % (self.base, FLASH_SIZE))))
            return cache[0]
        return read

    def loaded_ram(self, stream):
        with open(stream, "rb") as f:
            ram = ram_from_stream(f.read(), "system.flash1", FLASH_SIZE)
        return ram if ram is not None else self.ram_if_romd()

    def ram_if_romd(self):
        tree = self.current.qmp("human-monitor-command", {"command-line": "info mtree -f"})
        return self.romd_reader()() if re.search(r"\(prio \d+, romd\): system\.flash1\b", tree) else None

    def ram(self):
        ram = self.seen() if self.seen else None
        if ram is None:
            raise CannotRun("the RAMBlock cannot be seen at this step without disturbing the device")
        return ram

    def drive(self):
        with open(self.file, "rb") as f:
            return qcow2_bytes(f.read()) if FORMAT == "qcow2" else f.read()

    def drive_active(self):
        nodes = [n for n in self.current.qmp("query-named-block-nodes") if n.get("file") == self.file]
        if any(isinstance(n.get("active"), bool) for n in nodes):
            return all(n.get("active") is not False for n in nodes)
        return image_locked(self.file)

    def status(self):
        return self.current.qmp("query-status").get("status")

    # --- the checks: each raises Bug when the bug shows ---

    def check_drive_holds_ram(self, n):
        if not self.drive_active():
            say("   host %s's drive is not active yet: nothing to compare" % self.host)
            return
        self.compare("RAMBlock", self.ram(), "drive", self.drive(), "host %s's active, writable drive does not hold what the guest sees" % self.host)

    def check_ram(self, n, changes, what):
        if changes:
            changed = sum(len(h) // 2 for _, h in changes)
            say("   the model expects the initial image with %d byte%s changed, from offset 0x%06x" % (changed, "" if changed == 1 else "s", changes[0][0]))
        else:
            say("   the model expects the initial image, unchanged")
        self.compare("RAMBlock", self.ram(), "model", with_changes(initial_image(), changes), what)

    def compare(self, left, a, right, b, what):
        at = first_difference(a, b)
        shown = max(at, 0)
        say("   %s and %s %s: %s %s, %s %s" % (left, right, "are equal" if at < 0 else "differ from offset 0x%06x" % at, left, hex8(a, shown), right, hex8(b, shown)))
        if at >= 0:
            raise Bug("%s (first difference at 0x%06x: %s %s, %s %s)" % (what, at, left, hex8(a, at), right, hex8(b, at)))

    def check_state(self, n, status, drive_active):
        now = {"status": self.status(), "driveActive": self.drive_active()}
        say("   status %s, drive active %s (the model: %s, %s)" % (now["status"], now["driveActive"], status, drive_active))
        for field, want in (("status", status), ("driveActive", drive_active)):
            if now[field] != want:
                raise Bug("QEMU says %s is %s, the model says %s" % (field, now[field], want))

    def check_read_only_untouched(self, n):
        ran = [self.before[0], self.current] if self.before[0] is not self.current else [self.current]
        said = [line for q in ran if q for line in q.new_stderr().split("\n") if "Could not update PFLASH" in line]
        for line in said:
            say("   QEMU said: " + line.strip())
        if any("not permitted" in line.lower() for line in said):
            raise Bug("the device tried to write to a drive opened with readonly=on (QEMU said %r)" % said[0].strip())
        if self.ro_copy and self.drive() != self.ro_copy[1] and self.file == self.ro_copy[0]:
            raise Bug("the device wrote to %s, opened with readonly=on" % os.path.basename(self.file))

    def close(self):
        for q in self.processes:
            q.kill()
        for q in self.processes:
            q.quit()



    # --- snapshots (the drive under test is a qcow2 image) ---

    def refused(self, kind, name, via, said):
        """QEMU refused a snapshot command: the bug when the counterexample is that refusal (CRASH names it as the harness signs it), else the steps cannot run."""
        q = self.current
        return Died("%s refused %s %s%s" % (q.name, kind, name, " (job)" if via == "job" else ""), "refused %s: %s" % (kind, re.sub(r"^Error: ", "", said)))

    def snapshot(self, n, text, kind, name, via):
        """HMP savevm/loadvm/delvm, or the snapshot job waited for until it concludes."""
        self.step(n, text)
        q = self.current
        if via == "hmp":
            said = q.qmp("human-monitor-command", {"command-line": "%s %s" % (kind, name)}).strip()
            error = re.search(r"^Error.*$", said, re.M)
            if error:
                raise self.refused(kind, name, via, error.group(0))
        else:
            job = {"savevm": "snapshot-save", "loadvm": "snapshot-load", "delvm": "snapshot-delete"}[kind]
            node = [d["inserted"]["node-name"] for d in q.qmp("query-block") if d.get("device") == "pflash1" and "inserted" in d][0]
            args = {"job-id": kind + "-" + name, "tag": name, "devices": [node]}
            if kind != "delvm":
                args["vmstate"] = node
            q.qmp(job, args)
            q.wait_event(lambda e: e.get("event") == "JOB_STATUS_CHANGE" and e.get("data", {}).get("id") == args["job-id"] and e["data"].get("status") == "concluded", LIMITS["migration"], "the %s job" % job)
            error = [j.get("error") for j in q.qmp("query-jobs") if j.get("id") == args["job-id"]]
            q.qmp("job-dismiss", {"id": args["job-id"]})
            if error and error[0]:
                raise self.refused(kind, name, via, error[0])
        # savevm and loadvm announce their own MIGRATION states: a later migration must not take them for its own.
        del q.events[:]
        if kind == "loadvm":
            self.seen = self.ram_if_romd

    def savevm(self, n, text, name, via):
        self.snapshot(n, text, "savevm", name, via)

    def loadvm(self, n, text, name, via):
        self.snapshot(n, text, "loadvm", name, via)

    def delvm(self, n, text, name, via):
        self.snapshot(n, text, "delvm", name, via)




def find_binary(name):
    path = name if "/" in name else shutil.which(name)
    if not path or not os.access(path, os.X_OK) or os.path.isdir(path):
        raise CannotRun("%s: no such QEMU binary" % name)
    return os.path.abspath(path)


def version_of(binary):
    """The version QEMU names in its --version line, as (major, minor); printed."""
    try:
        out = subprocess.run([binary, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, universal_newlines=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        raise CannotRun("%s --version: %s" % (binary, e))
    line = out.split("\n")[0]
    m = re.match(r"QEMU emulator version (\d+)\.(\d+)\.\d+", line)
    if not m:
        raise CannotRun("%s is not QEMU (--version printed %r)" % (binary, line[:60]))
    say("%s: %s" % (binary, line))
    return int(m.group(1)), int(m.group(2))


def scratch_folder():
    """A new folder for the run's files; under /tmp when $TMPDIR is too long for QEMU's unix sockets (108 bytes)."""
    base = tempfile.gettempdir()
    return tempfile.mkdtemp(prefix="pflash-audit-", dir=base if len(base) + len("/pflash-audit-xxxxxxxx/2/C99.qtest") < 100 else "/tmp")


DECIDED = []  # set once the outcome is known: from then on a signal changes nothing


def interrupted(signum, frame):
    """The first Ctrl-C, SIGTERM or SIGHUP ends the run, unless its outcome is known; the cleanup is never interrupted."""
    for s in STOP_SIGNALS:
        signal.signal(s, signal.SIG_IGN)
    if not DECIDED:
        raise KeyboardInterrupt()


def outcome(code, text):
    """Settles the run's exit code (no signal can change it after this), then says it."""
    DECIDED.append(code)
    say(text)
    return code


USAGE = "usage: python3 %s %s" % (os.path.basename(sys.argv[0]), "QEMU PEER" if PEER else "[QEMU]")
SKIP = 125  # git bisect run's "cannot test this commit"


def main(phases_by_activation):
    """Runs the phases for the binaries given (PHASES, keyed by whether each activates an incoming drive only at cont)."""
    args = sys.argv[1:]
    if args in (["-h"], ["--help"]):
        print(USAGE + "\n" + __doc__)
        return 0
    if len(args) > (2 if PEER else 1) or (PEER and len(args) < 2) or any(a.startswith("-") for a in args):
        sys.stderr.write(USAGE + "\n")
        return 2
    for s in STOP_SIGNALS:
        signal.signal(s, interrupted)
    folder, runs = None, []
    try:
        qemu = find_binary(args[0] if args else "qemu-system-x86_64")
        peer = find_binary(args[1]) if PEER else None
        versions = [version_of(b) for b in [qemu] + ([peer] if peer else [])]
        machine = "pc-i440fx-%d.%d" % min(versions) if peer else "pc"
        say("machine: " + machine)
        expecting, phases = phases_by_activation[(versions[0] >= (10, 0), versions[-1] >= (10, 0))]
        say("the model's expectations: " + expecting)
        folder = scratch_folder()
        baseline = None
        for k, (name, phase) in enumerate(phases):
            say("# " + name)
            os.mkdir(os.path.join(folder, str(k + 1)))
            r = Run(os.path.join(folder, str(k + 1)), qemu, peer, machine)
            runs.append(r)
            r.baseline = baseline
            phase(r)
            r.close()
            baseline = r.reads
        return outcome(0, "the bug does not show: every step ran and every check passed")
    except Bug as e:
        return outcome(1, "the bug shows: %s" % e)
    except Died as e:
        step = runs[-1].n if runs else 0
        said = CRASH.split(" at ")[0] if CRASH and CRASH.startswith("killed by ") else CRASH  # a signal's signature names the step, which FAILING_STEP checks
        if CRASH is not None and step == FAILING_STEP and (said in e.stderr or said in str(e)):
            return outcome(1, "the bug shows: step %d: %s" % (step, e))
        other = "" if CRASH is None or step != FAILING_STEP else " (not the crash this reproduces: %s)" % CRASH
        return outcome(SKIP, "could not run the steps: step %d: %s%s" % (step, e, other))
    except CannotRun as e:
        return outcome(SKIP, "could not run the steps: %s" % e)
    except KeyboardInterrupt:
        return outcome(130, "interrupted")
    except Exception:
        DECIDED.append(SKIP)
        traceback.print_exc()
        return outcome(SKIP, "could not run the steps: the reproducer itself failed (above)")
    finally:
        DECIDED.append(None)
        # No signal may cut the cleanup short (a second Ctrl-C, a SIGTERM from a bisect's timeout).
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        for r in runs:
            r.close()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)



if __name__ == "__main__":
    sys.exit(main(PHASES))
