import { describe, expect, it } from 'vitest';
import { logAdminEntries } from '../../src/core/admins.js';

function capture() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg: string) => void lines.push({ level, obj, msg });
  return { lines, logger: { info: at('info'), warn: at('warn') } as never };
}

describe('start-up says how each PLANBOT_ADMINS entry was read', () => {
  it('one line per entry: qualified, bare Slack member id, bare name, unreadable', () => {
    const { lines, logger } = capture();
    logAdminEntries(['slack:U0123', 'U0456ABC', 'WangJun', 'slack:bob'], logger);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['info', 'PLANBOT_ADMINS: slack:U0123 → slack:U0123'],
      ['info', 'PLANBOT_ADMINS: U0456ABC → slack:U0456ABC (a bare Slack member id: matches on Slack)'],
      ['info', 'PLANBOT_ADMINS: WangJun → web:wangjun and console:wangjun (a bare name: matches on the web chat and the console, any case)'],
      ['warn', 'PLANBOT_ADMINS: slack:bob → ignored: not a user id (write slack:U0123, web:name, console:name, U0123ABC or a name)'],
    ]);
    expect(lines[1]!.obj).toMatchObject({ entry: 'U0456ABC', readAs: 'slack-member', id: 'slack:U0456ABC' });
  });

  it('an empty list says who is admin instead', () => {
    const { lines, logger } = capture();
    logAdminEntries([], logger, ['console', 'cli', 'web']);
    expect(lines[0]!.msg).toBe('PLANBOT_ADMINS is empty: every user of console, cli, web is an admin');
  });
});
