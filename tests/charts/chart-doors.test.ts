import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestChartFiles } from '../../src/charts/digest-chart.js';
import { fixedClock } from '../../src/core/clock.js';
import { silentLogger, type Logger } from '../../src/core/logger.js';
import { renderPlainText, type Reply } from '../../src/core/reply.js';
import { postDueDigests } from '../../src/digest/scheduler.js';
import { loadPlan } from '../../src/plan/load-plan.js';
import type { Plan } from '../../src/plan/schema.js';
import { openFileStore } from '../../src/store/file-store.js';
import { makeBot, say } from '../support/make-bot.js';
import { decodePng } from '../support/png.js';
import { freshDb, runCli } from '../support/run-cli.js';
import { storeWith, subscribe } from '../digest/fixtures.js';
import { CHART_NOW, chartEvents } from './fixtures.js';

let plan: Plan;
beforeAll(async () => {
  plan = await loadPlan();
});

const PNG = [0x89, 0x50, 0x4e, 0x47];
const isPng = (data: Uint8Array) => PNG.every((b, i) => data[i] === b);

async function botWithReports() {
  return makeBot({ store: await storeWith(chartEvents()), clock: fixedClock(CHART_NOW) });
}

describe('/plan chart in chat', () => {
  it('/plan chart: every target against its pace, as a PNG file with a caption in the language of the question', async () => {
    const bot = await botWithReports();
    // As Slack's slash command sends it: the words after /plan.
    const r = await say(bot, 'chart', 'slack:U0123ABCD', { command: true });
    expect(r.error).toBeUndefined();
    expect(r.files).toHaveLength(1);
    const file = r.files![0]!;
    expect(file).toMatchObject({ name: 'progress-2021-06-07.png', mediaType: 'image/png', title: 'Targets against pace, as of 2021-06-07' });
    expect(isPng(file.data)).toBe(true);
    expect(decodePng(file.data).width).toBeGreaterThan(800);
    expect(r.text).toContain('Targets against pace, as of 2021-06-07');
  });

  it('进度图 (free text, Chinese): the same chart in Chinese', async () => {
    const r = await say(await botWithReports(), '进度图', 'web:alice');
    expect(r.intent).toBe('chart');
    expect(r.lang).toBe('zh');
    expect(r.files![0]).toMatchObject({ name: 'progress-2021-06-07.png', title: '量化指标完成情况与时序进度（截至2021-06-07）' });
  });

  it.each(['有没有进度图？', '给我看看进度图', '请画一张图表', 'can you show me the chart?', 'progress chart'])('"%s" asks for the progress chart', async (text) => {
    const r = await say(await botWithReports(), text, 'web:alice');
    expect(r.intent).toBe('chart');
    expect(r.files?.[0]?.name).toBe('progress-2021-06-07.png');
  });

  it('/plan chart T9.1 and "T9.1进度图": that target week by week', async () => {
    const bot = await botWithReports();
    for (const [text, user] of [['/plan chart T9.1', 'console:erin'], ['T9.1进度图', 'web:bob']] as const) {
      const r = await say(bot, text, user);
      expect(r.files?.[0]?.name, text).toBe('trend-T9.1-2021-06-07.png');
      expect(r.matches[0]).toEqual({ id: 'T9', score: 1 });
    }
  });

  it('"show the chart for rural sewage": the target found by its words (O3.3, the rural sewage rate)', async () => {
    const r = await say(await botWithReports(), 'show the chart for rural sewage', 'web:alice');
    expect(r.intent).toBe('chart');
    expect(r.files?.[0]?.name).toBe('trend-O3.3-2021-06-07.png');
  });

  it('a target with no number, or words matching nothing, is refused with how to ask; nothing is recorded', async () => {
    const bot = await botWithReports();
    const before = bot.deps.store.events().length;
    const t20 = await say(bot, '/plan chart T20', 'web:alice');
    expect(t20.error?.id).toBe('indicator.not-found');
    expect(t20.text).toContain('/plan chart T9.1');
    expect(t20.files ?? []).toEqual([]);
    const none = await say(bot, '/plan chart quantum chromodynamics', 'web:alice');
    expect(none.error?.id).toBe('chart.no-target');
    expect(bot.deps.store.events()).toHaveLength(before);
  });

  it('help lists the chart intent with its examples', async () => {
    const r = await say(makeBot(), 'help', 'web:alice');
    expect(r.text).toContain('/plan chart');
  });
});

describe('plan-bot chart', () => {
  async function dbWithReports(): Promise<string> {
    const db = freshDb();
    const store = await openFileStore(db, { logger: silentLogger });
    for (const e of chartEvents()) await store.append(e);
    await store.close();
    return db;
  }
  const now = ['--now', '2021-06-07T09:00:00+08:00'];

  it('writes the progress chart as PNG to --out (Chinese by default)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'planbot-chart-')), 'progress.png');
    const r = await runCli(['chart', '--out', out, ...now], { env: { PLANBOT_DB: await dbWithReports() } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`量化指标完成情况与时序进度（截至2021-06-07）: ${out}`);
    expect(isPng(readFileSync(out))).toBe(true);
  });

  it('--indicator T9.1 --lang en --format svg without --out prints the trend SVG; --json reports the file', async () => {
    const db = await dbWithReports();
    const svg = await runCli(['chart', '--indicator', 'T9.1', '--lang', 'en', '--format', 'svg', ...now], { env: { PLANBOT_DB: db } });
    expect(svg.code).toBe(0);
    expect(svg.stdout).toMatch(/^<svg /);
    expect(svg.stdout).toContain('T9.1 Administrative villages with completed environmental rectification: week by week');
    const out = join(mkdtempSync(join(tmpdir(), 'planbot-chart-')), 'trend.svg');
    const json = await runCli(['chart', '--indicator', 'T9.1', '--out', out, '--json', ...now], { env: { PLANBOT_DB: db } });
    expect(JSON.parse(json.stdout)).toMatchObject({ out, name: 'trend-T9.1-2021-06-07.svg', mediaType: 'image/svg+xml' });
    expect(readFileSync(out, 'utf8')).toContain('逐周进展');
  });

  it('exit 2 for bad usage (a PNG with no --out, an unknown --lang or --format), 1 for an unknown target or an unwritable file', async () => {
    expect((await runCli(['chart'])).code).toBe(2);
    expect((await runCli(['chart', '--lang', 'fr', '--out', '/tmp/x.png'])).code).toBe(2);
    expect((await runCli(['chart', '--format', 'gif', '--out', '/tmp/x.gif'])).code).toBe(2);
    const unknown = await runCli(['chart', '--indicator', 'T99.1', '--out', '/tmp/x.png']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no item');
    const bad = await runCli(['chart', '--out', '/nonexistent-folder/x.png', ...now]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Cannot write /nonexistent-folder/x.png');
    expect(existsSync('/nonexistent-folder')).toBe(false);
  });
});

describe('the posted digest carries the chart', () => {
  it('each posted digest has the progress chart of its week and language, its text unchanged', async () => {
    const store = await storeWith([...chartEvents(), subscribe({ channel: 'web:general', lang: 'zh' }), subscribe({ channel: 'slack:C1', lang: 'en' })]);
    const sent: { channel: string; reply: Reply }[] = [];
    const base = { plan, store, clock: fixedClock('2021-06-14T09:00:00+08:00'), timeZone: 'Asia/Shanghai', post: async (channel: string, reply: Reply) => void sent.push({ channel, reply }) };
    await postDueDigests({ ...base, files: digestChartFiles(silentLogger) });
    expect(sent.map((s) => s.reply.files?.map((f) => [f.name, f.mediaType, f.title]))).toEqual([
      [['progress-2021-06-13.png', 'image/png', '量化指标完成情况与时序进度（截至2021-06-13）']],
      [['progress-2021-06-13.png', 'image/png', 'Targets against pace, as of 2021-06-13']],
    ]);
    // The same digests without the chart hook: identical text, no files.
    const plain: Reply[] = [];
    const again = await storeWith([...chartEvents(), subscribe({ channel: 'web:general', lang: 'zh' }), subscribe({ channel: 'slack:C1', lang: 'en' })]);
    await postDueDigests({ ...base, store: again, post: async (_c, reply) => void plain.push(reply) });
    expect(plain.map((r) => r.files)).toEqual([undefined, undefined]);
    expect(plain.map(renderPlainText)).toEqual(sent.map((s) => renderPlainText(s.reply)));
  });

  it('a chart that cannot be drawn leaves the digest text-only rather than unposted', async () => {
    const store = await storeWith([subscribe({ channel: 'web:general' })]);
    const sent: Reply[] = [];
    const warnings: string[] = [];
    const r = await postDueDigests({
      plan,
      store,
      clock: fixedClock('2021-06-14T09:00:00+08:00'),
      timeZone: 'Asia/Shanghai',
      post: async (_c, reply) => void sent.push(reply),
      files: async (digest) => digestChartFiles({ warn: ((_o: unknown, msg: string) => void warnings.push(msg)) as unknown as Logger['warn'] })({ ...digest, data: { ...digest.data, judge: { ...digest.data.judge, of: () => { throw new Error('boom'); } } } }),
    });
    expect(r.posted).toHaveLength(1);
    expect(sent[0]!.files).toBeUndefined();
    expect(warnings).toEqual(['the digest chart could not be drawn; the digest goes without it']);
  });
});
