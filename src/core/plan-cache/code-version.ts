import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../../package-root.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = join(HERE, '..', '..');

/**
 * What a cached plan and index depend on besides the plan's files: the code that loads plans
 * (`plan/`), builds and reads indexes (`search/`, `core/plan-search`), this cache (`core/plan-cache/`),
 * the locked versions of the dependencies (package-lock.json), and Node's own (text normalisation
 * comes from its ICU). Hashed from the files that run:
 * the sources under tsx, the build in dist/ otherwise, so any change to them is a new version.
 */
export function codeVersion(): string {
  const hash = createHash('sha256').update(`node ${process.versions.node} icu ${process.versions.icu ?? '-'} unicode ${process.versions.unicode ?? '-'}\0`);
  const add = (file: string): void => {
    hash.update(`${file.slice(SRC.length)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  };
  for (const dir of [join(SRC, 'plan'), join(SRC, 'search'), HERE]) for (const file of codeFiles(dir)) add(file);
  for (const file of codeFiles(join(SRC, 'core')).filter((f) => /[/\\]plan-search\.[jt]s$/.test(f))) add(file);
  try {
    hash.update(readFileSync(join(PACKAGE_ROOT, 'package-lock.json')));
  } catch {
    hash.update('no lock file');
  }
  return hash.digest('hex');
}

/** The .ts/.js files directly in `dir`, sorted (sub-folders are listed by the caller). */
function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.[jt]s$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(dir, e.name))
    .sort();
}
