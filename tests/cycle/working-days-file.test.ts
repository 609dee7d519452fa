import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { loadReportingSchedule, loadWorkingCalendar } from '../../src/digest/load-reporting-schedule.js';

/** The working-days override file (PLANBOT_WORKING_DAYS) and PLANBOT_REPORT_DUE, as start-up reads them. */

const dir = () => mkdtempSync(join(tmpdir(), 'plan-bot-days-'));
const logger = () => {
  const warnings: unknown[][] = [];
  return { warnings, warn: (...args: unknown[]) => void warnings.push(args) };
};

describe('the working-days override file', () => {
  it('shipped empty: the statutory calendar as is', async () => {
    const calendar = await loadWorkingCalendar('data/working-days.override.json', logger());
    expect(calendar.isWorkingDay('2021-10-09')).toBe(true);
    expect(calendar.covers(2027)).toBe(false);
  });

  it('missing: nothing added; a year not covered logs a warning naming the file', async () => {
    const log = logger();
    const file = join(dir(), 'none.json');
    const calendar = await loadWorkingCalendar(file, log);
    expect(calendar.isWorkingDay('2027-06-14')).toBe(true);
    expect(log.warnings).toHaveLength(1);
    expect(String(log.warnings[0]![1])).toMatch(new RegExp(`2027 is not known: reading 2027 as Monday–Friday; add its holidays and adjusted working days to ${file}`));
  });

  it('adds holidays, working days and covered years', async () => {
    const file = join(dir(), 'days.json');
    writeFileSync(file, JSON.stringify({ holidays: ['2027-06-14'], workdays: ['2027-06-12'], years: [2027] }));
    const log = logger();
    const calendar = await loadWorkingCalendar(file, log);
    expect([calendar.isWorkingDay('2027-06-14'), calendar.isWorkingDay('2027-06-12')]).toEqual([false, true]);
    expect(log.warnings).toEqual([]);
  });

  it('malformed: start-up stops, saying what is wrong and the expected form', async () => {
    const file = join(dir(), 'bad.json');
    writeFileSync(file, JSON.stringify({ holidays: ['14 June 2027'] }));
    await expect(loadWorkingCalendar(file, logger())).rejects.toThrow(/holidays\.0: a date YYYY-MM-DD.*Expected \{"holidays"/);
    writeFileSync(file, '{not json');
    await expect(loadWorkingCalendar(file, logger())).rejects.toThrow(/is not JSON/);
  });
});

describe('PLANBOT_REPORT_DUE', () => {
  it('defaults to Fridays 12:00, and a bad cron is refused saying how to fix it', async () => {
    expect(loadConfig({}).reportDue).toBe('0 12 * * 5');
    const config = loadConfig({ PLANBOT_REPORT_DUE: 'fridays at noon', PLANBOT_WORKING_DAYS: join(dir(), 'none.json') });
    await expect(loadReportingSchedule(config, logger())).rejects.toMatchObject({ id: 'cycle.bad-schedule', text: { en: expect.stringMatching(/Set PLANBOT_REPORT_DUE to a cron expression such as "0 12 \* \* 5"/) } });
  });
});
