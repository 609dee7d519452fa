import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';

/** The family charts are drawn in: Noto Sans CJK covers Chinese and Latin text alike. */
export const CHART_FONT_FAMILY = 'Noto Sans CJK SC';

/** Where Debian's and Ubuntu's fonts-noto-cjk (and Fedora's, Alpine's, Homebrew's copies) put the sans face. */
export const KNOWN_CJK_FONT_PATHS: readonly string[] = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf',
  '/usr/share/fonts/noto/NotoSansCJK-Regular.ttc',
  '/opt/homebrew/share/fonts/NotoSansCJK-Regular.ttc',
];

/** How the font is looked up; injected so tests can pretend a machine without it. */
export interface FontLookup {
  /** fontconfig's best file for a family, or null when fc-match is missing or names no CJK font. */
  fcMatch(family: string): string | null;
  exists(path: string): boolean;
}

/** The machine's fontconfig and file system. */
export const systemFontLookup: FontLookup = {
  fcMatch(family) {
    try {
      const file = execFileSync('fc-match', ['-f', '%{file}', `${family}:lang=zh-cn`], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      // fc-match always answers something; only a CJK face will draw Chinese.
      return /cjk|noto.*(sc|cn)|wqy|droid.*fallback|sourcehan/i.test(file) ? file : null;
    } catch {
      return null;
    }
  },
  exists: (path) => existsSync(path),
};

let found: string | undefined;

/**
 * The file of a Noto Sans CJK face to draw Chinese labels with: fontconfig's answer when it names a
 * CJK font, else the first known install path that exists. Looked up once per process. Throws a user
 * error saying how to install the font when there is none (charts would show empty boxes instead).
 */
export function findCjkFont(lookup: FontLookup = systemFontLookup): string {
  if (lookup === systemFontLookup && found) return found;
  const path = [lookup.fcMatch(CHART_FONT_FAMILY), ...KNOWN_CJK_FONT_PATHS].find((p): p is string => !!p && lookup.exists(p));
  if (!path) {
    throw new UserError('chart.no-cjk-font', {
      en: `No Chinese font to draw the chart with: install Noto Sans CJK (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk), then try again. Looked with fc-match and in ${KNOWN_CJK_FONT_PATHS[0]}.`,
      zh: `没有可用于绘制图表的中文字体：请安装思源黑体 Noto Sans CJK（Debian/Ubuntu：sudo apt-get install fonts-noto-cjk）后重试。已通过 fc-match 和 ${KNOWN_CJK_FONT_PATHS[0]} 查找。`,
    });
  }
  if (lookup === systemFontLookup) found = path;
  return path;
}
