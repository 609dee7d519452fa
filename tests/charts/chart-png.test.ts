import { beforeAll, describe, expect, it } from 'vitest';
import { LIGHT_COLOURS } from '../../src/charts/chart-style.js';
import { KNOWN_CJK_FONT_PATHS, findCjkFont } from '../../src/charts/cjk-font.js';
import { chartFile, drawChart } from '../../src/charts/make-chart.js';
import { UserError } from '../../src/errors.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import { logOf } from '../digest/fixtures.js';
import { boxOf, countPixels, decodePng, type DecodedPng } from '../support/png.js';
import { CHART_NOW, chartEvents } from './fixtures.js';

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
/** Close to a colour (resvg's anti-aliasing shifts edges only). */
const near = (colour: string) => {
  const [R, G, B] = hex(colour) as [number, number, number];
  return (r: number, g: number, b: number) => Math.abs(r - R) + Math.abs(g - G) + Math.abs(b - B) < 30;
};
const dark = (r: number, g: number, b: number) => r + g + b < 300;

async function png(indicator: string | null = null): Promise<{ png: DecodedPng; svgSize: [number, number]; bytes: number }> {
  const chart = await drawChart({ plan, events: logOf(chartEvents()), at: CHART_NOW, timeZone: 'Asia/Shanghai', lang: 'zh', indicator });
  const file = await chartFile(chart, 'png');
  expect(file).toMatchObject({ mediaType: 'image/png', name: `${chart.baseName}.png` });
  const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(chart.svg)!.map(Number) as [number, number, number];
  return { png: decodePng(file.data), svgSize: [w, h], bytes: file.data.length };
}

describe('chart PNGs, read back with a PNG reader of our own', () => {
  it('the progress chart: twice the SVG size, bars in the light colours where the rows are, Chinese text drawn', async () => {
    const { png: image, svgSize, bytes } = await png();
    expect([image.width, image.height]).toEqual([svgSize[0] * 2, svgSize[1] * 2]);
    expect(bytes).toBeGreaterThan(20_000);
    // Rows top to bottom: O3.1, O3.2, O3.3 (green), T9.1, T9.2 (yellow), T11.1, T26.1, T30.1 (red), T34.1 (yellow).
    const green = boxOf(image, near(LIGHT_COLOURS.green))!;
    const yellow = boxOf(image, near(LIGHT_COLOURS.yellow))!;
    const red = boxOf(image, near(LIGHT_COLOURS.red))!;
    for (const box of [green, yellow, red]) expect(box.x1).toBeGreaterThan(0.3);
    // The legend's swatches sit below the plot; the bars' order shows in where each colour starts.
    expect(green.y0).toBeLessThan(yellow.y0);
    expect(yellow.y0).toBeLessThan(red.y0);
    // The red bar (130%) reaches further right than any other.
    expect(countPixels(image, { x0: red.x1 - 0.02, x1: red.x1, y0: red.y0, y1: red.y1 }, near(LIGHT_COLOURS.red))).toBeGreaterThan(0);
    // The title (top left) and the row labels (left of the bars) are drawn, in the CJK font.
    expect(countPixels(image, { x0: 0, x1: 0.5, y0: 0, y1: 0.08 }, dark)).toBeGreaterThan(500);
    expect(countPixels(image, { x0: 0, x1: 0.25, y0: 0.25, y1: 0.75 }, dark)).toBeGreaterThan(1000);
    // The plot's background is white: a blank picture would fail the checks above, an all-dark one this.
    expect(countPixels(image, { x0: 0, x1: 1, y0: 0, y1: 1 }, (r, g, b) => r > 250 && g > 250 && b > 250)).toBeGreaterThan(image.width * image.height * 0.6);
  });

  it('the trend chart: yellow points where T9.1 was reported, the pace line, text drawn', async () => {
    const { png: image } = await png('T9.1');
    // Reported from March on: no points over January and February, yellow ones (at risk) from May.
    const plot = (x0: number, x1: number) => countPixels(image, { x0, x1, y0: 0.15, y1: 0.7 }, near(LIGHT_COLOURS.yellow));
    expect(plot(0.1, 0.3)).toBe(0);
    expect(plot(0.6, 0.95)).toBeGreaterThan(100);
    expect(countPixels(image, { x0: 0.1, x1: 0.95, y0: 0.15, y1: 0.75 }, (r, g, b) => Math.abs(r - 0x77) < 20 && Math.abs(g - 0x77) < 20 && Math.abs(b - 0x77) < 20)).toBeGreaterThan(50);
    expect(countPixels(image, { x0: 0, x1: 0.6, y0: 0, y1: 0.08 }, dark)).toBeGreaterThan(500);
  });
});

describe('the CJK font', () => {
  it('is found on this machine (fonts-noto-cjk, as CI installs it)', () => {
    expect(findCjkFont()).toMatch(/NotoSansCJK|Noto Sans CJK|noto/i);
  });

  it("takes fontconfig's answer, else the first known path that exists", () => {
    expect(findCjkFont({ fcMatch: () => '/fonts/NotoSansCJK-Regular.ttc', exists: () => true })).toBe('/fonts/NotoSansCJK-Regular.ttc');
    expect(findCjkFont({ fcMatch: () => null, exists: (p) => p === KNOWN_CJK_FONT_PATHS[2] })).toBe(KNOWN_CJK_FONT_PATHS[2]);
  });

  it('missing, is a user error saying how to install it', () => {
    const none = { fcMatch: () => null, exists: () => false };
    expect(() => findCjkFont(none)).toThrow(UserError);
    expect(() => findCjkFont(none)).toThrow(/apt-get install fonts-noto-cjk/);
  });
});
