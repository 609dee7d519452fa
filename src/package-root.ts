import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding plan-bot's package.json, found by walking up from this module: the same folder
 * whether the code runs from the sources (`src/`) or from the build (`dist/src/`), so that data files
 * (`data/plans/`) and the web chat's static assets are found from either.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`plan-bot: no package.json above ${from}`);
  }
}
