import { constants, crc32, deflateRaw } from 'node:zlib';

/** One file of a zip archive: its path (UTF-8) and its content, given piece by piece. */
export interface ZipEntry {
  name: string;
  chunks: Iterable<string | Uint8Array>;
}

/** Compression level of the entries: zlib's fastest; on spreadsheet XML and CSV it costs a few % of size against level 6. */
const LEVEL = 1;
/** Segments being deflated at once (zlib's thread pool has 4 threads). */
const IN_FLIGHT = 4;
/** Bit 11 of the flags: the name is UTF-8 (台账.csv), as Windows, macOS and Info-ZIP read it. */
const UTF8_NAME = 0x0800;
const DEFLATE = 8;
/** 1980-01-01 00:00, the first MS-DOS date: the same content makes the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const MAX_32 = 0xffff_ffff;

/**
 * A zip archive (PKWARE APPNOTE 6.3, no zip64) of `entries`, deflated by node:zlib at level 1 and
 * streamed: each piece is encoded, checksummed and deflated as it comes, so a sheet of 3 million cells
 * never exists as one string. Written for xlsx (an OPC package is a zip) and CSV sets.
 */
export async function zipFiles(entries: Iterable<ZipEntry>): Promise<Uint8Array> {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const extra = unicodePath(name);
    const { data, crc, size, compressed } = await deflate(entry.chunks);
    if (size > MAX_32 || offset + compressed > MAX_32) throw new Error(`zip: ${entry.name} is past 4 GiB (zip64 is not written)`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommon(local, 4, crc, compressed, size, name.length, extra.length);
    out.push(local, name, extra, ...data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by: MS-DOS attributes, version 2.0
    writeCommon(dir, 6, crc, compressed, size, name.length, extra.length);
    dir.writeUInt32LE(offset, 42); // comment length, disk, attributes stay 0
    central.push(dir, name, extra);
    offset += local.length + name.length + extra.length + compressed;
    count++;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, ...central, end]);
}

/** The fields a local header and a central directory entry share, from "version needed" to "extra length". */
function writeCommon(b: Buffer, at: number, crc: number, compressed: number, size: number, nameLength: number, extraLength: number): void {
  b.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  b.writeUInt16LE(UTF8_NAME, at + 2);
  b.writeUInt16LE(DEFLATE, at + 4);
  b.writeUInt16LE(0, at + 6); // time 00:00
  b.writeUInt16LE(DOS_DATE, at + 8);
  b.writeUInt32LE(crc, at + 10);
  b.writeUInt32LE(compressed, at + 14);
  b.writeUInt32LE(size, at + 18);
  b.writeUInt16LE(nameLength, at + 22);
  b.writeUInt16LE(extraLength, at + 24);
}

/**
 * The Info-ZIP Unicode Path extra field (0x7075) for a name beyond ASCII: the UTF-8 flag alone is
 * ignored by some unzip builds (Info-ZIP 6.0 as Debian ships it), which read this field instead.
 */
function unicodePath(name: Buffer): Buffer {
  if (name.every((b) => b < 0x80)) return Buffer.alloc(0);
  const field = Buffer.alloc(9 + name.length);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + name.length, 2);
  field.writeUInt8(1, 4); // version
  field.writeUInt32LE(crc32(name), 5); // of the name in the header, here the same bytes
  name.copy(field, 9);
  return field;
}

/**
 * Deflates an entry's pieces as separate raw deflate segments on zlib's thread pool, several at once, so
 * both cores compress while the next rows are written: every segment but the last ends with a sync flush
 * (byte-aligned, not final), so their concatenation is one valid deflate stream (as pigz does). A segment
 * starts with an empty dictionary, which on megabyte pieces costs well under 1% of size.
 */
async function deflate(chunks: Iterable<string | Uint8Array>): Promise<{ data: Buffer[]; crc: number; size: number; compressed: number }> {
  const pending: Promise<Buffer>[] = [];
  const data: Buffer[] = [];
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (bytes.length === 0) continue;
    crc = crc32(bytes, crc);
    size += bytes.length;
    pending.push(segment(bytes, constants.Z_SYNC_FLUSH));
    // Keep a few segments in flight, no more: memory stays a few megabytes.
    if (pending.length >= IN_FLIGHT) data.push(await pending.shift()!);
  }
  pending.push(segment(Buffer.alloc(0), constants.Z_FINISH));
  for (const p of pending) data.push(await p);
  return { data, crc, size, compressed: data.reduce((n, b) => n + b.length, 0) };
}

function segment(bytes: Uint8Array, finishFlush: number): Promise<Buffer> {
  return new Promise((resolve, reject) => deflateRaw(bytes, { level: LEVEL, finishFlush }, (error, out) => (error ? reject(error) : resolve(out))));
}
