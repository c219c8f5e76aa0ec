/**
 * A minimal PNG encoder and decoder on node:zlib, enough to draw the app icons and to check
 * icons in tests and before packaging (size, colour type, transparency).
 * Encodes 8-bit RGBA; decodes 8-bit greyscale, RGB, palette, greyscale+alpha and RGBA,
 * non-interlaced — what image editors write for small icons.
 */
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, row by row, RGBA. */
  pixels: Uint8Array;
}

export interface DecodedPng extends RgbaImage {
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
  /** True when the file can carry transparency (an alpha channel or a tRNS chunk). */
  hasAlphaChannel: boolean;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes an RGBA image as a PNG (filter 0 on every row, maximum deflate). */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, pixels } = image;
  if (pixels.length !== width * height * 4)
    throw new Error(`expected ${width * height * 4} bytes, got ${pixels.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(pixels.buffer, pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Decodes a PNG into RGBA pixels; throws a clear error for anything it does not support. */
export function decodePng(file: Uint8Array): DecodedPng {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file (bad signature)');
  let offset = 8;
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = -1;
  let interlace = 0;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset + 8 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    const storedCrc = buf.readUInt32BE(offset + 8 + length);
    if (crc32(buf.subarray(offset + 4, offset + 8 + length)) >>> 0 !== storedCrc) {
      throw new Error(`PNG chunk ${type} has a bad CRC`);
    }
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8] ?? 0;
      colorType = data[9] ?? -1;
      interlace = data[12] ?? 0;
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = CHANNELS[colorType];
  if (channels === undefined) throw new Error(`unsupported PNG colour type ${colorType}`);
  if (bitDepth !== 8) throw new Error(`unsupported PNG bit depth ${bitDepth} (only 8 is supported)`);
  if (interlace !== 0) throw new Error('interlaced PNGs are not supported');
  if (colorType === 3 && !palette) throw new Error('palette PNG without a PLTE chunk');

  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) throw new Error('PNG image data has the wrong length');
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (rows[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[(y - 1) * stride + x - channels] ?? 0) : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = (left + up) >> 1;
          break;
        case 4:
          predictor = paeth(left, up, upLeft);
          break;
        default:
          throw new Error(`unknown PNG filter ${String(filter)} on row ${y}`);
      }
      rows[y * stride + x] = (value + predictor) & 0xff;
    }
  }

  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const v0 = rows[s] ?? 0;
    let rgba: [number, number, number, number];
    switch (colorType) {
      case 0: {
        const opaque = transparency && transparency.length >= 2 && transparency.readUInt16BE(0) === v0 ? 0 : 255;
        rgba = [v0, v0, v0, opaque];
        break;
      }
      case 2: {
        const r = v0;
        const g = rows[s + 1] ?? 0;
        const b = rows[s + 2] ?? 0;
        const keyed =
          transparency !== undefined &&
          transparency.length >= 6 &&
          transparency.readUInt16BE(0) === r &&
          transparency.readUInt16BE(2) === g &&
          transparency.readUInt16BE(4) === b;
        rgba = [r, g, b, keyed ? 0 : 255];
        break;
      }
      case 3: {
        const p = palette as Buffer;
        rgba = [p[v0 * 3] ?? 0, p[v0 * 3 + 1] ?? 0, p[v0 * 3 + 2] ?? 0, transparency?.[v0] ?? 255];
        break;
      }
      case 4:
        rgba = [v0, v0, v0, rows[s + 1] ?? 0];
        break;
      default:
        rgba = [v0, rows[s + 1] ?? 0, rows[s + 2] ?? 0, rows[s + 3] ?? 0];
    }
    pixels.set(rgba, i * 4);
  }
  return {
    width,
    height,
    bitDepth,
    colorType,
    hasAlphaChannel: colorType === 4 || colorType === 6 || transparency !== undefined,
    pixels,
  };
}
