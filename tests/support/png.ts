import { inflateSync } from 'node:zlib';

/** A decoded PNG: size and RGBA pixels, row by row. */
export interface DecodedPng {
  width: number;
  height: number;
  /** 4 bytes a pixel (RGBA). */
  pixels: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * A small PNG reader (8-bit RGBA or RGB, not interlaced: what resvg writes) with node:zlib, so tests
 * read the file people receive with a reader other than the writer.
 */
export function decodePng(data: Uint8Array): DecodedPng {
  const buf = Buffer.from(data);
  if (!SIGNATURE.every((b, i) => buf[i] === b)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('ascii', at + 4, at + 8);
    const body = buf.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || (colour !== 6 && colour !== 2) || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[y * stride + x - channels]! : 0;
      const b = y > 0 ? rows[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
      rows[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, pixels: rows };
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) pixels.set([rows[i * 3]!, rows[i * 3 + 1]!, rows[i * 3 + 2]!, 255], i * 4);
  return { width, height, pixels };
}

/** The pixels of a region (fractions of the picture's width and height) that match `test`. */
export function countPixels(png: DecodedPng, region: { x0: number; x1: number; y0: number; y1: number }, test: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  for (let y = Math.floor(region.y0 * png.height); y < Math.floor(region.y1 * png.height); y++) {
    for (let x = Math.floor(region.x0 * png.width); x < Math.floor(region.x1 * png.width); x++) {
      const i = (y * png.width + x) * 4;
      if (test(png.pixels[i]!, png.pixels[i + 1]!, png.pixels[i + 2]!)) n++;
    }
  }
  return n;
}

/** The bounding box (fractions) of the pixels matching `test`, or null when none does. */
export function boxOf(png: DecodedPng, test: (r: number, g: number, b: number) => boolean): { x0: number; x1: number; y0: number; y1: number } | null {
  let box: { x0: number; x1: number; y0: number; y1: number } | null = null;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (!test(png.pixels[i]!, png.pixels[i + 1]!, png.pixels[i + 2]!)) continue;
      box = box ? { x0: Math.min(box.x0, x), x1: Math.max(box.x1, x), y0: Math.min(box.y0, y), y1: Math.max(box.y1, y) } : { x0: x, x1: x, y0: y, y1: y };
    }
  }
  return box && { x0: box.x0 / png.width, x1: box.x1 / png.width, y0: box.y0 / png.height, y1: box.y1 / png.height };
}
