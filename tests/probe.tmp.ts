import { makeBot, say } from './support/make-bot.js';
import { fixedClock } from '../src/core/clock.js';
import { MemoryStore } from '../src/store/memory-store.js';
const store = new MemoryStore();
const b = { platform: 'web', planId: 'henan-2021' } as const;
await store.append({ ...b, type: 'assign', itemId: 'T24', owner: 'web:zhao', user: 'web:admin', at: '2021-12-01T01:00:00Z' });
await store.append({ ...b, type: 'update', itemId: 'T24', status: 'off-track', progress: [], note: 'late', user: 'web:zhao', at: '2021-12-08T03:00:00Z' });
await store.append({ ...b, type: 'update', itemId: 'T9', status: 'on-track', progress: [{ indicatorId: 'T9.1', value: 100, target: null, unit: null }], note: null, user: 'web:li', at: '2021-12-07T03:00:00Z' });
const bot = makeBot({ store, clock: fixedClock('2021-12-10T15:00:00+08:00'), admins: ['web:admin'] });
for (const q of process.argv.slice(2)) { const r = await say(bot, q, 'web:alice'); console.log('>>', q, '[', r.intent, ']\n', r.text.slice(0, 1800)); }
