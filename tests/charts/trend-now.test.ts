import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_CONFIG, textWidth } from '../../src/charts/chart-style.js';
import { freshDb, runCli } from '../support/run-cli.js';

// Found by QA of #15: a report made at the very moment the chart is drawn (as with one --now, or a
// fixed clock) was missing from the trend's last point, so the chart showed only the pace line; and
// early in the year the plot was narrower than its Chinese subtitle, which was cut off at the right.
describe('the trend chart drawn right after a report', () => {
  const now = ['--now', '2021-06-16T10:00:00+08:00'];

  it('shows the report made at the same moment (52.5%), and is as wide as its Chinese subtitle', async () => {
    const db = freshDb();
    const chat = await runCli(['chat', '--user', 'console:erin', ...now], { env: { PLANBOT_DB: db }, stdin: ['/plan update T9 at-risk 420/800'] });
    expect(chat.code, chat.stderr).toBe(0);
    const svg = await runCli(['chart', '--indicator', 'T9.1', '--format', 'svg', ...now], { env: { PLANBOT_DB: db } });
    expect(svg.code, svg.stderr).toBe(0);
    expect(svg.stdout).toContain('52.5%');
    const width = Number(/^<svg [^>]*width="([\d.]+)"/.exec(svg.stdout)?.[1]);
    const subtitle = '实线：已报完成百分比，点的颜色为当周事项红黄绿灯；虚线：按时序进度应完成的百分比';
    expect(svg.stdout).toContain(subtitle);
    expect(width).toBeGreaterThanOrEqual(textWidth(subtitle, CHART_CONFIG.title.subtitleFontSize));
  });
});

// Found by QA of #15: English labels were cut at 30 characters, so a supervisor saw two rows both
// reading "Safe utilization rate of…" (O3.1 farmland, O3.2 land plots).
describe('the progress chart in English', () => {
  it('names O3.1 and O3.2 in full, so the two rows can be told apart', async () => {
    const svg = await runCli(['chart', '--lang', 'en', '--format', 'svg', '--now', '2021-06-16T10:00:00+08:00'], { env: { PLANBOT_DB: freshDb() } });
    expect(svg.code, svg.stderr).toBe(0);
    expect(svg.stdout).toContain('O3.1 Safe utilization rate of contaminated farmland');
    expect(svg.stdout).toContain('O3.2 Safe utilization rate of contaminated land plots');
  });
});

// The same moment for the year-end report: a report made at --now was left out of the report at --now.
describe('the year-end report right after a report', () => {
  it('counts the report made at the same moment (T9 yellow, 420 villages)', async () => {
    const db = freshDb();
    const now = ['--now', '2021-06-16T10:00:00+08:00'];
    await runCli(['chat', '--user', 'console:erin', ...now], { env: { PLANBOT_DB: db }, stdin: ['/plan update T9 at-risk 420/800'] });
    const md = await runCli(['report', '--year', '2021', '--lang', 'en', ...now], { env: { PLANBOT_DB: db } });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/\| T9 \|[^\n]*yellow/i);
    expect(md.stdout).toContain('420');
  });
});

// Found by QA of #15: `chat --channel console:general` subscribed "console:console:general".
describe('a console channel given with its platform', () => {
  it('--channel console:general is the channel console:general, and its digest is posted there with its chart', async () => {
    const db = freshDb();
    const sub = await runCli(['chat', '--user', 'console:erin', '--channel', 'console:general', '--now', '2021-06-16T11:00:00+08:00'], { env: { PLANBOT_DB: db }, stdin: ['/plan subscribe'] });
    expect(sub.code, sub.stderr).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'planbot-digest-'));
    const post = await runCli(['digest', '--post-due', '--out', dir, '--now', '2021-06-21T09:00:30+08:00'], { env: { PLANBOT_DB: db } });
    expect(post.code, post.stderr).toBe(0);
    expect(post.stdout).toContain('to: console:general.');
    expect(post.stdout).not.toContain('console:console:');
    expect(existsSync(join(dir, 'progress-2021-06-20.png'))).toBe(true);
  });
});
