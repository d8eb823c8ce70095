// Why: the three-way diff compares the device state the binary sent with the port's, so the binary's pflash_cfi01 section has to be found in a saved migration stream.

const QEMU_VM_SECTION_FULL = 0x04;
const QEMU_VM_SECTION_FOOTER = 0x7e;
const QEMU_VM_SUBSECTION = 0x05;

/**
 * The bytes of device section `idstr`, instance `instance`, of a saved stream: what follows its
 * header (type, section id, idstr, instance id, version id) up to its footer (0x7e and the section
 * id again, which QEMU sends after every device section). `fieldsLength` is the device's fixed fields;
 * a subsection after them is `buffer` bytes plus its be32 offset long, which is where the footer
 * must be. A section whose footer is not there ends at the first footer found, so that it shows as
 * a different section rather than disappearing. Null when the stream has no such section.
 */
export function deviceSection(stream: Uint8Array, idstr: string, instance: number, fieldsLength: number, buffer: number): Uint8Array | null {
  const name = Buffer.from(idstr, "latin1");
  const id = Buffer.alloc(4);
  id.writeUInt32BE(instance);
  const needle = Buffer.concat([Buffer.from([name.length]), name, id]);
  const hay = Buffer.from(stream.buffer, stream.byteOffset, stream.byteLength);
  for (let at = hay.indexOf(needle); at >= 5; at = hay.indexOf(needle, at + 1)) {
    if (hay[at - 5] !== QEMU_VM_SECTION_FULL) continue;
    const footer = Buffer.concat([Buffer.from([QEMU_VM_SECTION_FOOTER]), hay.subarray(at - 4, at)]);
    const start = at + needle.length + 4;
    const sub = hay[start + fieldsLength] === QEMU_VM_SUBSECTION ? 2 + (hay[start + fieldsLength + 1] ?? 0) + 4 + buffer + 4 : 0;
    const end = start + fieldsLength + sub;
    if (hay.subarray(end, end + 5).equals(footer)) return stream.slice(start, end);
    const found = hay.indexOf(footer, start);
    return found < 0 ? null : stream.slice(start, found);
  }
  return null;
}
