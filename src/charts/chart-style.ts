import { lightWord, type Light } from '../core/lights.js';
import type { Lang } from '../core/reply.js';
import { CHART_FONT_FAMILY } from './cjk-font.js';

/** Colours of the lights in every chart (red, amber, green that read on white and in grey print). */
export const LIGHT_COLOURS: Record<Light, string> = { red: '#d64541', yellow: '#e8a317', green: '#2e9e5b' };

/** The colour scale of a chart coloured by light: the lights' words in `lang`, worst first. */
export function lightScale(lang: Lang): { domain: string[]; range: string[] } {
  const lights: Light[] = ['red', 'yellow', 'green'];
  return { domain: lights.map((l) => lightWord(l, lang)), range: lights.map((l) => LIGHT_COLOURS[l]) };
}

/** The Vega-Lite config every chart shares: one CJK-capable font, quiet axes, a white background. */
export const CHART_CONFIG = {
  font: CHART_FONT_FAMILY,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e6e6e6', domainColor: '#999', tickColor: '#999' },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' },
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555', anchor: 'start', offset: 10 },
} as const;

/** Whether a character is drawn a full em wide (CJK ideographs, kana, full-width forms). */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Vega lays text out by an estimate (0.8 em a character, with no canvas to measure), which is short
 * for Chinese (1 em a character): the padding a chart needs on its left so that right-aligned labels
 * of `fontSize` px are not cut off.
 */
export function leftPadding(labels: readonly string[], fontSize: number): number {
  let extra = 0;
  for (const label of labels) {
    let em = 0;
    for (const ch of label) em += WIDE.test(ch) ? 1 : 0.58;
    extra = Math.max(extra, em * fontSize - Math.floor(0.8 * [...label].length * fontSize));
  }
  return 5 + Math.ceil(extra);
}

/** How wide `text` is drawn at `fontSize` px (1 em a CJK character, about 0.58 em any other): for room a title needs. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) ? 1 : 0.58;
  return Math.ceil(em * fontSize);
}
