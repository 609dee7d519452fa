/** Bytes gathered before a chunk is handed on (to the zip's deflater, or concatenated). */
const SIZE = 1 << 20;

/**
 * Text encoded straight into megabyte buffers as it is written, row by row: each row's string dies young
 * instead of living in a long chain of concatenations until the chunk is encoded, which on 3 million
 * cells cost more in garbage collection than the writing itself.
 */
export class ByteChunks {
  private buf = Buffer.allocUnsafe(SIZE);
  private used = 0;

  /**
   * Adds `text` (`latin1` only for text known to be ASCII); returns the bytes gathered before it when
   * they had to be handed on to make room, else null.
   */
  add(text: string, encoding: 'utf8' | 'latin1' = 'utf8'): Buffer | null {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 4 for 2 units).
    const most = encoding === 'latin1' ? text.length : text.length * 3;
    let full: Buffer | null = null;
    if (this.used + most > this.buf.length) {
      full = this.take(most);
    }
    this.used += this.buf.write(text, this.used, encoding);
    return full;
  }

  /** The bytes gathered so far; writing goes on in a fresh buffer with room for at least `room` bytes. */
  take(room = 0): Buffer {
    const bytes = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(Math.max(SIZE, room));
    this.used = 0;
    return bytes;
  }
}
