import { readFile } from 'node:fs/promises';
import type { Logger } from '../core/logger.js';
import { CalendarOverrides, workingCalendar, type WorkingCalendar } from '../core/working-calendar.js';
import { StartupError } from '../errors.js';
import { reportDueCron, type ReportingSchedule } from './reporting-cycle.js';

/**
 * Reads the working-days override file (`PLANBOT_WORKING_DAYS`) into China's working calendar; a
 * missing file adds nothing, a malformed one stops start-up saying what is wrong. Years neither the
 * library nor the file covers are read Monday–Friday, with a warning in the log.
 */
export async function loadWorkingCalendar(file: string, logger: Pick<Logger, 'warn'>): Promise<WorkingCalendar> {
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new StartupError(`Cannot read the working-days file ${file} (${(err as Error).message}); fix it or set PLANBOT_WORKING_DAYS.`);
  }
  let overrides: CalendarOverrides | undefined;
  if (text !== null) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new StartupError(`The working-days file ${file} is not JSON (${(err as Error).message}); expected {"holidays": ["YYYY-MM-DD"], "workdays": ["YYYY-MM-DD"], "years": [2027]}.`);
    }
    const parsed = CalendarOverrides.safeParse(json);
    if (!parsed.success) {
      throw new StartupError(`The working-days file ${file} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}. Expected {"holidays": ["YYYY-MM-DD"], "workdays": ["YYYY-MM-DD"], "years": [2027]}.`);
    }
    overrides = parsed.data;
  }
  return workingCalendar({
    ...(overrides ? { overrides } : {}),
    warn: (year) => logger.warn({ year, file }, `China's statutory calendar for ${year} is not known: reading ${year} as Monday–Friday; add its holidays and adjusted working days to ${file}`),
  });
}

/** The reporting schedule of the configuration: `PLANBOT_REPORT_DUE` in `PLANBOT_TZ` on the working calendar. */
export async function loadReportingSchedule(config: { reportDue: string; timeZone: string; workingDaysFile: string }, logger: Pick<Logger, 'warn'>): Promise<ReportingSchedule> {
  reportDueCron(config.reportDue, config.timeZone);
  return { cron: config.reportDue, timeZone: config.timeZone, calendar: await loadWorkingCalendar(config.workingDaysFile, logger) };
}
