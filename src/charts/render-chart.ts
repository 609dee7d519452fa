import { renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_FONT_FAMILY, findCjkFont } from './cjk-font.js';

/**
 * Draws a Vega-Lite spec as SVG: compiled by vega-lite, run by a headless vega View (renderer
 * 'none', so no canvas or browser) and written with `toSVG()`. Text widths are vega's estimates, so
 * the same spec gives the same SVG on every machine (what the golden files rely on).
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The picture of an SVG as PNG bytes, with its size. */
export interface Png {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Rasterises an SVG to PNG with resvg, loading the Noto Sans CJK file explicitly (system fonts are
 * not scanned: faster, and the same face everywhere) so Chinese text renders. `scale` 2 gives a
 * sharp picture on high-density screens. resvg lays text out in its own thread pool (about 12 ms of CPU
 * a text element with this font), so a chat server keeps answering meanwhile. Throws a user error
 * when no CJK font is installed.
 */
export async function svgToPng(svg: string, opts: { scale?: number; fontFile?: string } = {}): Promise<Png> {
  const fontFile = opts.fontFile ?? findCjkFont();
  const image = await renderAsync(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: opts.scale ?? 2 },
    font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
  });
  return { data: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}
