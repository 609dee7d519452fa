import { PlanEvent } from './events.js';
import { STATE_VERSION, migrateState } from './migrate-state.js';
import { looksLikeStateFile } from './state-file.js';

/** Something of the events array that could not be kept, located for the report. */
export interface DroppedPart {
  /** Position in the array, from 1 (what would have been its seq). */
  index: number;
  /** Character offset in the file where it starts. */
  offset: number;
  reason: string;
}

/** What a damaged file still holds. */
export type Salvage =
  | { ok: true; version: number; events: PlanEvent[]; dropped: DroppedPart[]; renumbered: boolean }
  | { ok: false; reason: string };

/**
 * Reads every complete, schema-valid event out of a damaged state file's text (a document cut
 * mid-way by a torn write, or with some events mangled): scans the events array value by value,
 * keeps each one that parses and validates, and numbers the kept ones 1, 2, 3 … . Pure. Refuses
 * text that is not a plan-bot state file at all (it is never guessed at), or one from a newer plan-bot.
 */
export function salvageEvents(text: string): Salvage {
  if (text.trim() !== '' && !looksLikeStateFile(text)) return { ok: false, reason: 'it is not a plan-bot state file (it does not start with {"version":…,"events":[ …); nothing to salvage' };
  const version = Number(/^\s*\{\s*"version"\s*:\s*(\d+)/.exec(text)?.[1] ?? (/^\s*\{\s*"events"/.test(text) ? 0 : STATE_VERSION));
  if (version > STATE_VERSION) return { ok: false, reason: `written by a newer plan-bot (schema version ${version}); upgrade plan-bot rather than repair` };
  const open = /"events"\s*:\s*\[/.exec(text);
  const raw: { value: unknown; index: number; offset: number }[] = [];
  const dropped: DroppedPart[] = [];
  if (open) scanArray(text, open.index + open[0].length, raw, dropped);

  const migrated = migrateState({ ...(version > 0 ? { version } : {}), events: raw.map((r) => r.value) });
  if (!migrated.ok) return { ok: false, reason: migrated.reason };
  const candidates = (migrated.data as { events: unknown[] }).events;
  const kept: PlanEvent[] = [];
  let renumbered = false;
  candidates.forEach((value, i) => {
    const at = raw[i]!;
    const seq = kept.length + 1;
    const parsed = PlanEvent.safeParse(isObject(value) ? { ...value, seq } : value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      dropped.push({ index: at.index, offset: at.offset, reason: `does not fit the schema${issue.path.length ? ` (field ${issue.path.join('.')})` : ''}: ${issue.message}` });
      return;
    }
    if ((value as { seq?: unknown }).seq !== seq) renumbered = true;
    kept.push(parsed.data);
  });
  dropped.sort((a, b) => a.offset - b.offset);
  return { ok: true, version, events: kept, dropped, renumbered };
}

/**
 * Collects the values of the array starting at `from` (just after its `[`) until its closing `]}` or the
 * end of the text. Whatever cannot be read as an object (a block of zeros, a lost quote) is skipped up to
 * the next line that starts an object, since the store writes one event a line.
 */
function scanArray(text: string, from: number, raw: { value: unknown; index: number; offset: number }[], dropped: DroppedPart[]): void {
  let p = from;
  let index = 0;
  for (;;) {
    while (p < text.length && /[\s,]/.test(text[p]!)) p++;
    if (p >= text.length || (text[p] === ']' && /^\](\s*\})?\s*$/.test(text.slice(p)))) return;
    const start = p;
    index++;
    const end = text[p] === '{' ? valueEnd(text, p) : -1;
    if (end !== -1) {
      try {
        raw.push({ value: JSON.parse(text.slice(start, end)), index, offset: start });
        p = end;
        continue;
      } catch {
        // unreadable: skip to the next event below
      }
    }
    const next = nextLineObject(text, start + 1);
    if (next === -1) {
      dropped.push({ index, offset: start, reason: text[start] === '{' && end === -1 ? 'cut off mid-way (the file ends inside it)' : 'unreadable, up to the end of the file' });
      return;
    }
    dropped.push({ index, offset: start, reason: `unreadable (${next - start} characters skipped, up to the next event)` });
    p = next;
  }
}

/** The position of the `{` that starts the next line beginning with one, at or after `from`; -1 when none. */
function nextLineObject(text: string, from: number): number {
  const re = /\n[ \t]*\{/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index + m[0].length - 1 : -1;
}

/** The index just past the JSON value starting at `p`, or -1 when the text ends first. Strings and nesting are respected. */
function valueEnd(text: string, p: number): number {
  const first = text[p]!;
  if (first !== '{' && first !== '[' && first !== '"') {
    let q = p;
    while (q < text.length && !/[\s,\]}]/.test(text[q]!)) q++;
    return q >= text.length ? -1 : Math.max(q, p + 1);
  }
  let depth = 0;
  let inString = false;
  for (let q = p; q < text.length; q++) {
    const c = text[q]!;
    if (inString) {
      if (c === '\\') q++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) return q + 1;
      }
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return q + 1;
    }
  }
  return -1;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
