// Why: the reproducer's Python prelude: limits, and the pure helpers (the initial image, a RAMBlock out of a saved stream, QEMU's image lock in /proc/locks).

/** Python source (standard library only), pasted verbatim into every reproducer script. */
export const PY_HELPERS = String.raw`
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
`;
