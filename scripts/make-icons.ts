/**
 * Draws the Teams app icons from simple shapes and writes them as PNG files:
 *   manifest/color.png   192x192, a white speech bubble with a coral heart and a signal wave on teal
 *   manifest/outline.png  32x32, the same bubble and heart in white on transparent
 * Run: npx tsx scripts/make-icons.ts  (the PNGs are committed; rerun only to change the design).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng, type RgbaImage } from './png';

/** Teal used as the icon background and as the manifest's accentColor. */
export const ACCENT_COLOR = '#0F766E';

type Rgb = readonly [number, number, number];
/** True when the point (continuous pixel coordinates, y down) lies inside the shape. */
type Shape = (x: number, y: number) => boolean;

interface Layer {
  shape: Shape;
  color: Rgb;
}

function hex(color: string): Rgb {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

const WHITE: Rgb = [255, 255, 255];
const CORAL: Rgb = hex('#F0645A');

function roundedRect(left: number, top: number, right: number, bottom: number, radius: number): Shape {
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const hw = (right - left) / 2;
  const hh = (bottom - top) / 2;
  return (x, y) => {
    const ax = Math.abs(x - cx);
    const ay = Math.abs(y - cy);
    if (ax > hw || ay > hh) return false;
    const dx = Math.max(ax - (hw - radius), 0);
    const dy = Math.max(ay - (hh - radius), 0);
    return dx * dx + dy * dy <= radius * radius;
  };
}

function triangle(a: readonly [number, number], b: readonly [number, number], c: readonly [number, number]): Shape {
  const side = (p: readonly [number, number], q: readonly [number, number], x: number, y: number): number =>
    (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  return (x, y) => {
    const d1 = side(a, b, x, y);
    const d2 = side(b, c, x, y);
    const d3 = side(c, a, x, y);
    const hasNegative = d1 < 0 || d2 < 0 || d3 < 0;
    const hasPositive = d1 > 0 || d2 > 0 || d3 > 0;
    return !(hasNegative && hasPositive);
  };
}

/** The classic implicit heart curve (x² + y² − 1)³ − x²y³ ≤ 0, centred on (cx, cy). */
function heart(cx: number, cy: number, size: number): Shape {
  return (x, y) => {
    const u = (x - cx) / size;
    const v = -(y - cy) / size + 0.12;
    const k = u * u + v * v - 1;
    return k * k * k - u * u * v * v * v <= 0;
  };
}

/** A ring segment around (cx, cy) between two radii, limited to an angle range (radians, y down). */
function arc(cx: number, cy: number, inner: number, outer: number, from: number, to: number): Shape {
  return (x, y) => {
    const dx = x - cx;
    const dy = y - cy;
    const d = Math.hypot(dx, dy);
    if (d < inner || d > outer) return false;
    const angle = Math.atan2(dy, dx);
    return angle >= from && angle <= to;
  };
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((s) => s(x, y));
}

function difference(base: Shape, cut: Shape): Shape {
  return (x, y) => base(x, y) && !cut(x, y);
}

/** Rasterises layers bottom to top with supersampled anti-aliasing and "over" compositing. */
function render(size: number, layers: Layer[], samples: number): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Premultiplied colour and alpha.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            if (layer.shape(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples)) hits++;
          }
        }
        const coverage = hits / (samples * samples);
        r = layer.color[0] * coverage + r * (1 - coverage);
        g = layer.color[1] * coverage + g * (1 - coverage);
        b = layer.color[2] * coverage + b * (1 - coverage);
        a = coverage + a * (1 - coverage);
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
      }
      pixels[i + 3] = Math.round(a * 255);
    }
  }
  return { width: size, height: size, pixels };
}

/** 192x192 colour icon: full-bleed teal, white bubble, coral heart, white signal wave. */
export function drawColorIcon(): RgbaImage {
  const bubble = union(roundedRect(24, 58, 144, 146, 28), triangle([46, 134], [38, 170], [84, 140]));
  const waves = union(arc(144, 58, 12, 20, -Math.PI / 2, 0), arc(144, 58, 27, 35, -Math.PI / 2, 0));
  return render(
    192,
    [
      { shape: () => true, color: hex(ACCENT_COLOR) },
      { shape: bubble, color: WHITE },
      { shape: heart(84, 102, 29), color: CORAL },
      { shape: waves, color: WHITE },
    ],
    4,
  );
}

/** 32x32 outline icon: the bubble as a white outline with a white heart, on transparent. */
export function drawOutlineIcon(): RgbaImage {
  const outer = union(roundedRect(2, 10, 24, 26, 5), triangle([5, 24], [3.5, 31], [12, 25]));
  const inner = roundedRect(4, 12, 22, 24, 3);
  const waves = union(arc(23, 9, 3, 5, -Math.PI / 2, 0), arc(23, 9, 6.5, 8.5, -Math.PI / 2, 0));
  return render(
    32,
    [
      { shape: difference(outer, inner), color: WHITE },
      { shape: heart(13, 18.2, 4.4), color: WHITE },
      { shape: waves, color: WHITE },
    ],
    8,
  );
}

function main(): void {
  const dir = join(__dirname, '..', 'manifest');
  writeFileSync(join(dir, 'color.png'), encodePng(drawColorIcon()));
  writeFileSync(join(dir, 'outline.png'), encodePng(drawOutlineIcon()));
  console.log(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
}

if (require.main === module) main();
