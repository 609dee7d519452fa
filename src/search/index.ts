/**
 * The search core: platform-neutral answers to "which plan item is this question about?"
 * in English and Chinese.
 */
export { detectLang, type Lang } from './detect-lang.js';
export { parseItemRef, findItemRef, type ItemRef, type FoundItemRef } from './parse-item-ref.js';
export { parseChineseNumeral } from './chinese-numeral.js';
export { parseEnglishNumber } from './english-number.js';
export { normalizeText, capQuery, MAX_QUERY_CHARS } from './normalize.js';
export { stemEnglish } from './stem.js';
export { englishWords, segmentChinese, chineseBigrams, documentTerms, queryTerms, type QueryTerm } from './tokenize.js';
export { compileSynonyms, defaultSynonyms, useDefaultSynonyms, synonymsToJson, synonymsFromJson, type SynonymTable, type SynonymJson } from './synonym-table.js';
export { SYNONYM_GROUPS } from './synonyms.js';
export { createTypoCorrector, type TypoCorrector, type Correction } from './typo-corrector.js';
export { buildQuery, expandSynonyms, type QuerySlot, type Alternative } from './build-query.js';
export { buildSearchIndex, indexItems, RANKING, type SearchIndex, type ExplainableSearchIndex, type SearchHit, type SearchOptions } from './search-index.js';
export { TOPICS, findTopic, inTopic, type Topic } from './topic-table.js';
export type { InvertedIndex, Postings } from './inverted-index.js';
