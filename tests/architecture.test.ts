import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return name === 'public' ? [] : sources(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
const all = [...sources('src'), ...sources('intents')];

describe('ports and adapters', () => {
  it('only the Slack adapter imports @slack/*', () => {
    const offenders = all.filter((f) => importsOf(f).some((i) => i.startsWith('@slack/')) && !f.startsWith(join('src', 'adapters', 'slack')));
    expect(offenders).toEqual([]);
  });

  it('only the web adapter imports botkit and its adapters', () => {
    const offenders = all.filter((f) => importsOf(f).some((i) => /^botkit|^botbuilder/.test(i)) && !f.startsWith(join('src', 'adapters', 'web')));
    expect(offenders).toEqual([]);
  });

  it('only the WeCom adapter imports @wecom/*', () => {
    const offenders = all.filter((f) => importsOf(f).some((i) => i.startsWith('@wecom/')) && !f.startsWith(join('src', 'adapters', 'wecom')));
    expect(offenders).toEqual([]);
  });

  it('only the DingTalk adapter imports dingtalk-stream', () => {
    const offenders = all.filter((f) => importsOf(f).some((i) => /^dingtalk-stream/.test(i)) && !f.startsWith(join('src', 'adapters', 'dingtalk')));
    expect(offenders).toEqual([]);
  });

  it('the core and the intents never import an adapter, the CLI or the composition root', () => {
    const core = all.filter((f) => !f.startsWith(join('src', 'adapters')) && !f.startsWith(join('src', 'cli')) && !['src/main.ts', 'src/app.ts', 'src/serve.ts'].includes(relative('.', f)));
    const offenders = core.filter((f) => importsOf(f).some((i) => /adapters\/|\/cli\/|\/main\.js$|\/app\.js$|\/serve\.js$/.test(i)));
    expect(offenders).toEqual([]);
  });

  it('nothing but the entry points reads process.env', () => {
    const entryPoints = ['src/cli/run-cli.ts', 'src/main.ts'];
    const offenders = all.filter((f) => !entryPoints.includes(f) && /process\.env/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('every intent file is listed in the one index', () => {
    const index = readFileSync(join(ROOT, 'intents', 'index.ts'), 'utf8');
    for (const file of readdirSync(join(ROOT, 'intents')).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
      expect(index, file).toContain(`./${file.replace(/\.ts$/, '.js')}`);
    }
  });
});

describe('patterns read each message afresh', () => {
  it('no module-level global (/g or /y) pattern is used with test() or exec() from where its last match ended without a reset', () => {
    // A global pattern remembers where its last match ended: `test` on the next message would start there.
    const offenders: string[] = [];
    for (const file of all) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/^(?:export )?const ([A-Z][A-Z0-9_]*) = \/(?:\\.|[^/\n])+\/([a-z]*)/gm)) {
        if (!/[gy]/.test(m[2]!)) continue;
        const name = m[1]!;
        const resets = new RegExp(`\\b${name}\\.lastIndex\\s*=`).test(text);
        if (!resets && new RegExp(`\\b${name}\\.(?:test|exec)\\(`).test(text)) offenders.push(`${file}: ${name}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
