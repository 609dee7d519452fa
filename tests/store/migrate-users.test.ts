import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openFileStore } from '../../src/store/file-store.js';
import { deriveStates } from '../../src/store/item-state.js';
import { STATE_VERSION, migrateState, qualifiedUser } from '../../src/store/migrate-state.js';
import { makeBot, say } from '../support/make-bot.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const v1 = JSON.parse(readFileSync(fixture('state-v1-users.json'), 'utf8'));
const v2 = JSON.parse(readFileSync(fixture('state-v2-users.json'), 'utf8'));

describe('state v1 → v2: every stored user in the one qualified, canonical form', () => {
  it('turns the old file into the new one, event by event', () => {
    expect(STATE_VERSION).toBe(2);
    const r = migrateState(v1);
    expect(r).toEqual({ ok: true, data: v2, from: 1 });
    expect(v1.version).toBe(1); // pure: the input is untouched
  });

  it.each([
    ['bob', 'web', 'web:bob'],
    ['Carol', 'console', 'console:carol'],
    ['WangJun', 'cli', 'console:wangjun'],
    ['U0123ABC', 'web', 'slack:U0123ABC'],
    ['U42', 'slack', 'slack:U42'],
    ['@Ｅｒｉｎ', 'cli', 'console:erin'],
    ['web:Bob', 'slack', 'web:bob'],
    ['slack:U1', 'web', 'slack:U1'],
    ['slack:alice', 'web', 'slack:alice'],
    ['bob', 'slack', 'web:bob'],
  ])('%s recorded on %s → %s', (raw, platform, expected) => {
    expect(qualifiedUser(raw, platform)).toBe(expected);
  });

  it('a migrated file loads, keeps the old file as a backup, and its owners are the users who now log in', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'planbot-users-')), 'state.json');
    copyFileSync(fixture('state-v1-users.json'), file);
    const store = await openFileStore(file);
    const states = deriveStates(store.events(), 'henan-2021');
    expect(states.get('T9')?.owners).toEqual(['console:carol']); // bob assigned, then BOB removed: one person
    expect(states.get('T10')?.owners).toEqual(['slack:U0123ABC', 'web:bob']);
    expect(states.get('T11')?.owners).toEqual(['console:erin']);
    const bot = makeBot({ store });
    expect((await say(bot, 'my tasks', 'console:Carol')).matches.map((m) => m.id)).toEqual(['T9']);
    expect((await say(bot, 'my tasks', 'web:bob')).matches.map((m) => m.id)).toEqual(['T10']);
    expect((await say(bot, '/plan update T11 on-track', 'console:erin')).error).toBeUndefined();
    await store.close();
    expect(JSON.parse(readFileSync(`${file}.v1.bak`, 'utf8'))).toEqual(v1);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(2);
  });
});
