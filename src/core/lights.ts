import type { Lang } from './reply.js';
import { t } from './i18n.js';

/**
 * Traffic lights (红黄绿灯), read from an item's reasons for attention (src/core/attention.ts, the one
 * computation): **red** a missed milestone, an overdue target or off track; **yellow** behind pace, a
 * milestone within `DUE_SOON_DAYS` days not yet met, or at risk; **green** otherwise (on pace, done,
 * signed off; staleness says nothing about pace, so it leaves the light alone). Pure.
 */
export type Light = 'green' | 'yellow' | 'red';

/** The lights from worst to best. */
export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green'];

/** Days before a milestone from which an unmet one turns the light yellow. */
export const DUE_SOON_DAYS = 7;

/** Which light each kind of attention reason gives (a kind not listed leaves it green). */
const LIGHT_OF_KIND: Record<string, Light> = {
  'off-track': 'red',
  overdue: 'red',
  'milestone-missed': 'red',
  'at-risk': 'yellow',
  'behind-pace': 'yellow',
  'milestone-due': 'yellow',
};

/** The light of a set of reasons: the worst any of them gives. */
export function lightOf(reasons: readonly { kind: string }[]): Light {
  let light: Light = 'green';
  for (const r of reasons) {
    const l = LIGHT_OF_KIND[r.kind];
    if (l === 'red') return 'red';
    if (l === 'yellow') light = 'yellow';
  }
  return light;
}

/** Whether a kind of reason turns the light `light`. */
export function kindGives(kind: string, light: Light): boolean {
  return (LIGHT_OF_KIND[kind] ?? 'green') === light;
}

const LABELS: Record<Light, { mark: string; en: string; zh: string }> = {
  red: { mark: '🔴', en: 'red', zh: '红灯' },
  yellow: { mark: '🟡', en: 'yellow', zh: '黄灯' },
  green: { mark: '🟢', en: 'green', zh: '绿灯' },
};

/** The light's mark: 🔴 🟡 🟢. */
export function lightMark(light: Light): string {
  return LABELS[light].mark;
}

/** The light's word: "red" / "红灯". */
export function lightWord(light: Light, lang: Lang): string {
  return t(lang, LABELS[light].en, LABELS[light].zh);
}

/** The light in words with its mark: "🔴 red" / "🔴 红灯". */
export function lightText(light: Light, lang: Lang): string {
  return lang === 'zh' ? TEXTS[light].zh : TEXTS[light].en;
}

const TEXTS: Record<Light, { en: string; zh: string }> = {
  red: { en: `${LABELS.red.mark} ${LABELS.red.en}`, zh: `${LABELS.red.mark} ${LABELS.red.zh}` },
  yellow: { en: `${LABELS.yellow.mark} ${LABELS.yellow.en}`, zh: `${LABELS.yellow.mark} ${LABELS.yellow.zh}` },
  green: { en: `${LABELS.green.mark} ${LABELS.green.en}`, zh: `${LABELS.green.mark} ${LABELS.green.zh}` },
};
