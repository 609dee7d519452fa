import { normalizeText } from './normalize.js';
import { SYNONYM_GROUPS } from './synonyms.js';
import { chineseBigrams, queryTerms } from './tokenize.js';

/** One expression of a synonym group, analysed the way a query is. */
export interface SynonymExpression {
  /** For an expression in Chinese, its normalised text, matched as a substring of the query. */
  han: string | null;
  /** For an expression in Latin script, its stems, matched as consecutive query terms. */
  stems: string[];
  /** The index terms that find this expression in a document. */
  terms: string[];
  /** Which group it belongs to. */
  group: number;
  /** `terms` joined with spaces: what tells two alternatives of a query apart. */
  key: string;
  /** Its position in {@link SynonymTable.expressions}: an index can keep what it finds for it by this number. */
  id: number;
}

/** Synonym groups compiled for lookup from a query. */
export interface SynonymTable {
  /** Every expression, longest first so that "greenhouse gas" is tried before "gas". */
  expressions: readonly SynonymExpression[];
  /** The expressions of each group, by group number. */
  groups: ReadonlyArray<readonly SynonymExpression[]>;
  /** Positions in `expressions` of the Latin expressions, by first stem: a query looks up only its own terms. */
  latinByFirstStem: ReadonlyMap<string, readonly number[]>;
  /** The Chinese expressions, packed for a scan of the query that touches little memory: a query looks up only its own characters. */
  hanScan: HanScan;
}

/**
 * The Chinese expressions in a few small arrays and one string, ordered by first code unit and then by
 * position: a query's scan binary-searches `first` and compares characters of `text`, rather than reading
 * a map and an object per expression (memory that a question's answer in the server finds cold).
 */
export interface HanScan {
  /** Each expression's first code unit, ascending. */
  first: Uint16Array;
  /** Every expression's text, one after another. */
  text: string;
  /** Where each expression's text starts in `text`, and its length. */
  start: Int32Array;
  length: Int32Array;
  /** Each expression's position in {@link SynonymTable.expressions}. */
  id: Int32Array;
}

/** The {@link HanScan} of a table's expressions. */
function hanScanOf(expressions: readonly SynonymExpression[]): HanScan {
  const han = expressions.filter((e) => e.han !== null).sort((a, b) => a.han!.charCodeAt(0) - b.han!.charCodeAt(0) || a.id - b.id);
  const start = new Int32Array(han.length);
  let at = 0;
  han.forEach((e, k) => {
    start[k] = at;
    at += e.han!.length;
  });
  return {
    first: Uint16Array.from(han, (e) => e.han!.charCodeAt(0)),
    text: han.map((e) => e.han!).join(''),
    start,
    length: Int32Array.from(han, (e) => e.han!.length),
    id: Int32Array.from(han, (e) => e.id),
  };
}

let defaultTable: SynonymTable | null = null;

/** The compiled {@link SYNONYM_GROUPS}, compiled on first use (or given by {@link useDefaultSynonyms}) and shared by every index. */
export function defaultSynonyms(): SynonymTable {
  return (defaultTable ??= compileSynonyms(SYNONYM_GROUPS));
}

/**
 * Sets the table {@link defaultSynonyms} returns, when a compiled {@link SYNONYM_GROUPS} was kept
 * from an earlier run of the same code (the plan cache): compiling them costs every start 25 ms.
 */
export function useDefaultSynonyms(table: SynonymTable): void {
  defaultTable = table;
}

/** The table as plain JSON (expressions shared by `groups` written once), for {@link synonymsFromJson}. */
export function synonymsToJson(table: SynonymTable): SynonymJson {
  const at = new Map(table.expressions.map((e, i) => [e, i]));
  return {
    expressions: table.expressions,
    groups: table.groups.map((g) => g.map((e) => at.get(e)!)),
    latinByFirstStem: [...table.latinByFirstStem],
  };
}

/** A table written by {@link synonymsToJson}, with `groups` sharing the expressions again. */
export function synonymsFromJson(json: SynonymJson): SynonymTable {
  const expressions = json.expressions;
  return {
    expressions,
    groups: json.groups.map((g) => g.map((i) => expressions[i]!)),
    latinByFirstStem: new Map(json.latinByFirstStem),
    hanScan: hanScanOf(expressions),
  };
}

/** The JSON form of a {@link SynonymTable}. */
export interface SynonymJson {
  expressions: readonly SynonymExpression[];
  groups: number[][];
  latinByFirstStem: [string, readonly number[]][];
}

/** Analyses synonym groups once, so queries only look them up. */
export function compileSynonyms(groups: ReadonlyArray<readonly string[]>): SynonymTable {
  const compiled = groups.map((group, g) =>
    group.flatMap((expression): SynonymExpression[] => {
      const normalized = normalizeText(expression);
      const terms = queryTerms(normalized);
      if (terms.length === 0) return [];
      const isHan = terms.every((t) => t.script === 'han');
      if (isHan) {
        // A Chinese expression is one phrase: found by its own bigrams, however the segmenter splits it.
        const han = normalized.replace(/\s+/g, '');
        const bigrams = chineseBigrams(han);
        const found = bigrams.length > 0 ? [...new Set(bigrams)] : [han];
        return [{ han, stems: [], terms: found, group: g, key: found.join(' '), id: -1 }];
      }
      const found = [...new Set(terms.flatMap((t) => t.parts))];
      return [{ han: null, stems: terms.map((t) => t.term), terms: found, group: g, key: found.join(' '), id: -1 }];
    }),
  );
  const size = (e: SynonymExpression): number => (e.han !== null ? Array.from(e.han).length : e.stems.length * 2);
  const expressions = compiled.flat().sort((a, b) => size(b) - size(a));
  const latinByFirstStem = new Map<string, number[]>();
  expressions.forEach((e, i) => {
    e.id = i;
    if (e.han !== null) return;
    const list = latinByFirstStem.get(e.stems[0]!);
    if (list) list.push(i);
    else latinByFirstStem.set(e.stems[0]!, [i]);
  });
  return { expressions, groups: compiled, latinByFirstStem, hanScan: hanScanOf(expressions) };
}
