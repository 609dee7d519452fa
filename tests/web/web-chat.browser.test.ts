import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebAuth, MAX_TEXT_CHARS, startWebChat, webInviteIssuer, type WebChat } from '../../src/adapters/web/index.js';
import type { App } from '../../src/app.js';
import { silentLogger } from '../../src/core/logger.js';
import { reply } from '../../src/core/reply.js';
import { launchChromium } from './browser.js';
import { startTestChat } from './helpers.js';

const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const hasUpdate = await import('../../intents/index.js').then((m) => m.allIntents.some((i) => i.id === 'update-status'));

let browser: Browser;
let app: App;
let chat: WebChat;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ({ app, chat } = await startTestChat());
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await chat?.stop();
});

/** Sends a message from the page and waits for the reply card it brings. */
async function ask(page: Page, text: string): Promise<Locator> {
  const cards = page.locator('#log .row.bot:not(.typing) .card');
  const before = await cards.count();
  await page.locator('#input').fill(text);
  await page.locator('#input').press('Enter');
  await expect.poll(() => cards.count()).toBeGreaterThan(before);
  return cards.last();
}

describe('the web chat in a real browser', () => {
  it('chooses a name, answers in English and Chinese, updates a status, shows digests and survives a restart', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    await page.goto(chat.url);

    // First visit: choose a name, kept in localStorage.
    await expect.poll(() => page.locator('#name-dialog').isVisible()).toBe(true);
    await page.locator('#name-input').fill('<b>');
    await page.locator('#name-form button').click();
    expect(await page.locator('#name-error').textContent()).toMatch(/letters or digits/);
    await page.locator('#name-input').fill('alice');
    await page.locator('#name-form button').click();
    await expect.poll(() => page.locator('#log .greeting').textContent()).toContain('Hi alice!');
    expect(await page.locator('#me').textContent()).toBe('You: alice');
    expect(await page.evaluate(() => localStorage.getItem('plan-bot.name'))).toBe('alice');
    expect(await page.locator('#conn').getAttribute('data-state')).toBe('online');

    // A digest posted to web:general appears in the feed.
    const digest = reply('en', [
      { type: 'heading', text: 'Weekly digest · 7–13 June 2021' },
      { type: 'paragraph', text: '1 update this week; 1 item at risk.' },
      { type: 'progress', label: 'T9.1 Villages with sewage treatment', ratio: 0.525, detail: '52.5% · 420/800 villages' },
      { type: 'list', items: [{ id: 'O3', text: 'Soil and groundwater targets — at risk' }] },
    ]);
    expect(chat.openPages('web:general')).toBe(1);
    await chat.postToWeb('web:general', digest);
    await expect.poll(() => page.locator('#feed .digest').count()).toBe(1);
    expect(await page.locator('#feed .digest .card-title').textContent()).toBe('Weekly digest · 7–13 June 2021');
    expect(await page.locator('#feed .bar').textContent()).toBe('▓▓▓▓▓░░░░░');

    const en = await ask(page, "what's the rural sewage target");
    expect(await en.textContent()).toContain('33%');
    expect(await en.locator('figure.quote blockquote').textContent()).toContain('农村生活污水治理率达到33%');
    expect(await en.locator('figure.quote .id-chip').textContent()).toBe('O3');

    const zh = await ask(page, '农村生活污水治理率要达到多少');
    expect(await zh.getAttribute('lang')).toBe('zh-CN');
    expect(await zh.locator('.card-title').textContent()).toContain('33%');
    expect(await zh.locator('.action').allTextContents()).toEqual(['正常推进', '有风险', '滞后', '已完成']);
    await page.screenshot({ path: new URL('web-chat.png', ARTIFACTS).pathname });

    // A status button sends `/plan update ID STATUS` as the user; on a Chinese card it is answered in Chinese.
    // (`en` and `zh` are both `cards.last()`, which is now the Chinese card.)
    const atRisk = zh.locator('.action[data-status="at-risk"]');
    expect(await atRisk.getAttribute('title')).toBe('/plan update O3 at-risk');
    const cards = page.locator('#log .row.bot:not(.typing) .card');
    const before = await cards.count();
    await atRisk.click();
    await expect.poll(() => page.locator('#log .row.me .bubble').last().textContent()).toBe('/plan update O3 at-risk');
    await expect.poll(() => cards.count()).toBeGreaterThan(before);
    if (hasUpdate) {
      expect(await cards.last().textContent()).toMatch(/已更新 O3.*有风险/);
      // An id-only command is answered in the writer's last language: the Chinese card's button was last.
      const status = await ask(page, '/plan status O3');
      expect(await status.textContent()).toMatch(/进展：有风险 · .* 由 alice 更新/);
    }

    // User text with markup stays text, in the bubble and in the reply.
    const markup = '<img src=x onerror="window.__pwned=1"> <b>bold</b>';
    const echoed = await ask(page, markup);
    expect(await page.locator('#log .row.me .bubble').last().textContent()).toBe(markup);
    expect(await echoed.textContent()).toContain(markup);
    expect(await page.locator('#log img, #log b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // A message over the limit is not sent, and the page says why.
    const mine = await page.locator('#log .row.me').count();
    await page.locator('#input').fill('污'.repeat(MAX_TEXT_CHARS + 1));
    await page.locator('#input').press('Enter');
    await expect.poll(() => page.locator('#log .sys.warn').last().textContent()).toMatch(/10,001 characters; the limit is 10,000/);
    expect(await page.locator('#log .row.me').count()).toBe(mine);
    await page.locator('#input').fill('');

    // The server restarts: the page goes offline, then reconnects by itself.
    const port = Number(new URL(chat.url).port);
    await chat.stop();
    await expect.poll(() => page.locator('#conn').getAttribute('data-state')).toBe('offline');
    chat = await startWebChat({ app, port, host: '127.0.0.1', logger: silentLogger });
    await expect.poll(() => page.locator('#conn').getAttribute('data-state'), { timeout: 20_000 }).toBe('online');
    await expect.poll(() => page.locator('#log .sys').last().textContent()).toBe('Reconnected.');
    expect(await (await ask(page, 'T9')).textContent()).toContain('T9');

    // A returning visitor keeps the name.
    await page.reload();
    await expect.poll(() => page.locator('#log .greeting').textContent()).toContain('Welcome back, alice!');
    expect(await page.locator('#name-dialog').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('renders a Chinese conversation in Chinese fonts', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(chat.url);
    await page.locator('#name-input').fill('李雷');
    await page.locator('#name-form button').click();
    await expect.poll(() => page.locator('#log .greeting').textContent()).toContain('李雷，你好！');
    const card = await ask(page, '农村生活污水治理率要达到多少');
    expect(await card.textContent()).toContain('33%');
    const fonts = await page.evaluate(() => getComputedStyle(document.querySelector('#log .card .card-title')!).fontFamily);
    expect(fonts).toContain('Noto Sans CJK SC');
    expect(await (await ask(page, '/plan 查看 T9')).getAttribute('lang')).toBe('zh-CN');
    await page.screenshot({ path: new URL('web-chat-zh.png', ARTIFACTS).pathname });

    // A new name is a new connection: what is recorded next is under the new name.
    await page.locator('#me').click();
    await page.locator('#name-input').fill('韩梅梅');
    await page.locator('#name-form button').click();
    await expect.poll(() => page.locator('#log .sys').last().textContent()).toBe('现在以 韩梅梅 的身份对话。');
    await expect.poll(() => page.locator('#conn').getAttribute('data-state')).toBe('online');
    await ask(page, '/plan subscribe');
    expect(app.store.events().filter((e) => e.type === 'subscribe').map((e) => e.user)).toEqual(['web:韩梅梅']);
    await context.close();
  }, 60_000);

  it('beyond loopback: says how to sign in, signs in once from an invite link, and refuses the link a second time', async () => {
    const secret = 'browser-test-secret-of-32-characters!!';
    const guarded = await startWebChat({ app, port: 0, host: '127.0.0.1', logger: silentLogger, auth: createWebAuth({ mode: 'invite', secret }) });
    try {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(guarded.url);
      await expect.poll(() => page.locator('#conn').getAttribute('data-state')).toBe('signedout');
      expect(await page.locator('#signin').textContent()).toMatch(/Ask an admin for a sign-in link/);
      expect(await page.locator('#name-dialog').isVisible()).toBe(false);

      const link = webInviteIssuer({ secret, baseUrl: () => guarded.url }).issue('bob').url;
      await page.goto(link);
      await page.waitForURL(guarded.url);
      await expect.poll(() => page.locator('#conn').getAttribute('data-state')).toBe('online');
      expect(await page.locator('#me').textContent()).toBe('Signed in as bob');
      expect(await page.locator('#log .greeting').textContent()).toMatch(/bob/);
      expect(await page.evaluate(() => document.cookie)).toBe('');
      expect(await (await ask(page, 'T9')).textContent()).toContain('T9');

      const other = await browser.newContext({ locale: 'en-US' });
      const second = await other.newPage();
      await second.goto(link);
      await expect.poll(() => second.locator('#signin-status').textContent()).toMatch(/already been used/);
      expect(second.url()).not.toContain('#');
      await other.close();
      await context.close();
    } finally {
      await guarded.stop();
    }
  }, 60_000);
});
