import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebAuth, startWebChat, webInviteIssuer, type WebChat } from '../../src/adapters/web/index.js';
import type { App } from '../../src/app.js';
import { silentLogger } from '../../src/core/logger.js';
import { launchChromium } from './browser.js';
import { startTestChat } from './helpers.js';


let browser: Browser;
let chat: WebChat;
let app: App;

beforeAll(async () => {
  ({ app, chat } = await startTestChat());
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await chat?.stop();
});

const cards = (page: Page) => page.locator('#log .row.bot:not(.typing) .card');

/** Waits for the reply card an action in the page brings. */
async function replyTo(page: Page, act: () => Promise<void>): Promise<Locator> {
  const before = await cards(page).count();
  await act();
  await expect.poll(() => cards(page).count()).toBeGreaterThan(before);
  return cards(page).last();
}

describe('a reader of the Chinese page', () => {
  it('gets Chinese answers to messages with no words of their own and to the buttons of Chinese cards', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(chat.url);
    await page.locator('#name-input').fill('李雷');
    await page.locator('#name-form button').click();
    await expect.poll(() => page.locator('#conn').getAttribute('data-state')).toBe('online');

    const type = (text: string) => async () => {
      await page.locator('#input').fill(text);
      await page.locator('#input').press('Enter');
    };

    // An item id alone says nothing of the reader's language: the page's language decides.
    const card = await replyTo(page, type('T9'));
    expect(await card.getAttribute('lang')).toBe('zh-CN');
    expect(await card.textContent()).toContain('土壤污染防治行动');

    // A status button on a Chinese card answers in Chinese, and so does the Undo button under that answer.
    const updated = await replyTo(page, () => card.locator('button.action', { hasText: '有风险' }).click());
    expect(await updated.textContent()).toContain('已更新 T9');
    const undone = await replyTo(page, () => updated.locator('button.action', { hasText: '撤销' }).click());
    expect(await undone.getAttribute('lang')).toBe('zh-CN');

    // An English question on the Chinese page is still answered in English.
    const en = await replyTo(page, type("what's the rural sewage target"));
    expect(await en.textContent()).toContain('Rural domestic sewage treatment rate');

    // An item chip in a Chinese list shows the item in Chinese.
    const list = await replyTo(page, type('第三组有哪些任务'));
    const shown = await replyTo(page, () => list.locator('button.id-chip', { hasText: 'T9' }).first().click());
    expect(await shown.textContent()).toContain('土壤污染防治行动');
    await context.close();
  }, 60_000);
});

describe('a first visit', () => {
  it('loads the chat and the sign-in page without a single failed request or console error', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    for (const path of ['', 'signin']) {
      await page.goto(new URL(path, chat.url).href);
      await page.waitForLoadState('networkidle');
      // The browser asks for an icon after the page has loaded.
      await page.waitForTimeout(1500);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('signed in from a link on a shared computer', () => {
  it('can sign out from the page (the "Signed in as" button), after confirming', async () => {
    const secret = 'browser-test-secret-of-32-characters!!';
    const guarded = await startWebChat({ app, port: 0, host: '127.0.0.1', logger: silentLogger, auth: createWebAuth({ mode: 'invite', secret }) });
    try {
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(webInviteIssuer({ secret, baseUrl: () => guarded.url }).issue('bob').url);
      await page.waitForURL(guarded.url);
      await expect.poll(() => page.locator('#conn').getAttribute('data-state')).toBe('online');
      const me = page.locator('#me');
      expect(await me.isDisabled()).toBe(false);

      // Dismissed: still signed in.
      page.once('dialog', (d) => void d.dismiss());
      await me.click();
      expect(await page.locator('#conn').getAttribute('data-state')).toBe('online');

      page.once('dialog', (d) => void d.accept());
      await me.click();
      await expect.poll(() => page.locator('#conn').getAttribute('data-state')).toBe('signedout');
      expect((await context.cookies()).filter((c) => c.name === 'planbot_session')).toEqual([]);
      await page.reload();
      await expect.poll(() => page.locator('#conn').getAttribute('data-state')).toBe('signedout');
      await context.close();
    } finally {
      await guarded.stop();
    }
  }, 60_000);
});
