import type { Logger } from './logger.js';
import { canonicalName, looksLikeSlackMember, parseUserId, platformOf, sameUser, type UserId } from './user-ids.js';


/** How one `PLANBOT_ADMINS` entry was read. */
export type AdminEntry =
  | { kind: 'user'; entry: string; id: UserId }
  | { kind: 'slack-member'; entry: string; id: UserId }
  | { kind: 'name'; entry: string; name: string }
  | { kind: 'unreadable'; entry: string };

/**
 * Reads one `PLANBOT_ADMINS` entry. Pure. A qualified id (`slack:U0123`, `web:alice`,
 * `console:erin`) is that user; a bare Slack member id (`U0123ABC`, see `looksLikeSlackMember`) is that Slack user; any other
 * bare word is a name, matched on the web chat and the console (case-insensitively, after NFKC).
 */
export function readAdminEntry(entry: string): AdminEntry {
  const e = entry.trim();
  if (e.includes(':')) {
    const id = parseUserId(e);
    return id ? { kind: 'user', entry, id } : { kind: 'unreadable', entry };
  }
  if (looksLikeSlackMember(e)) return { kind: 'slack-member', entry, id: `slack:${e}` as UserId };
  const name = canonicalName(e.replace(/^@+/, ''));
  return name && !/[\s<>&]/.test(name) ? { kind: 'name', entry, name } : { kind: 'unreadable', entry };
}

/** True when a `PLANBOT_ADMINS` entry names this user. */
export function adminEntryMatches(entry: string, user: string): boolean {
  return readEntryMatches(readAdminEntry(entry), user);
}

/** True when an entry, as {@link readAdminEntry} read it, names this user. */
function readEntryMatches(a: AdminEntry, user: string): boolean {
  if (a.kind === 'user' || a.kind === 'slack-member') return sameUser(a.id, user);
  if (a.kind === 'name') {
    const p = platformOf(user);
    return (p === 'web' || p === 'console') && sameUser(`${p}:${a.name}`, user);
  }
  return false;
}

/** True when any entry of the admin list names this user. */
export function isListedAdmin(entries: readonly string[], user: string): boolean {
  return entries.some((e) => adminEntryMatches(e, user));
}

/**
 * {@link isListedAdmin} over a list read once (at start-up) rather than on every message: the same
 * answer for every user, without reading the entries again, and without matching them again for a
 * user seen recently.
 */
export function listedAdminTest(entries: readonly string[]): (user: string) => boolean {
  const read = entries.map(readAdminEntry);
  // The answer for a user never changes (the list is fixed): kept for the users seen last.
  const known = new Map<string, boolean>();
  return (user) => {
    let admin = known.get(user);
    if (admin === undefined) {
      admin = read.some((a) => readEntryMatches(a, user));
      if (known.size >= REMEMBERED_USERS) known.delete(known.keys().next().value!);
      known.set(user, admin);
    }
    return admin;
  };
}

/** How many users' answers {@link listedAdminTest} keeps (the oldest is forgotten first). */
const REMEMBERED_USERS = 10_000;

/** How an entry was read, in words for the start-up log: `U0123ABC → slack:U0123ABC (a Slack member id)`. */
export function describeAdminEntry(a: AdminEntry): string {
  switch (a.kind) {
    case 'user':
      return `${a.entry} → ${a.id}`;
    case 'slack-member':
      return `${a.entry} → ${a.id} (a bare Slack member id: matches on Slack)`;
    case 'name':
      return `${a.entry} → web:${a.name} and console:${a.name} (a bare name: matches on the web chat and the console, any case)`;
    case 'unreadable':
      return `${a.entry} → ignored: not a user id (write slack:U0123, web:name, console:name, U0123ABC or a name)`;
  }
}

/**
 * Logs how each `PLANBOT_ADMINS` entry was read, once at start-up, so an operator sees at once that
 * `U0123ABC` became a Slack user and `alice` a web and console name (and which entries were ignored).
 */
export function logAdminEntries(entries: readonly string[], logger: Pick<Logger, 'info' | 'warn'>, localAdminPlatforms: readonly string[] = []): void {
  if (entries.length === 0) {
    logger.info({ admins: [], localAdminPlatforms }, `PLANBOT_ADMINS is empty: every user of ${localAdminPlatforms.join(', ') || 'no platform'} is an admin`);
    return;
  }
  for (const entry of entries) {
    const a = readAdminEntry(entry);
    const log = { entry, readAs: a.kind, ...(a.kind === 'user' || a.kind === 'slack-member' ? { id: a.id } : a.kind === 'name' ? { name: a.name } : {}) };
    if (a.kind === 'unreadable') logger.warn(log, `PLANBOT_ADMINS: ${describeAdminEntry(a)}`);
    else logger.info(log, `PLANBOT_ADMINS: ${describeAdminEntry(a)}`);
  }
}
