/**
 * Characters that must never reach a reader from what someone typed: C0 and C1 controls (except tab
 * and newline), bidirectional overrides, embeddings, isolates and marks (which can make `T9 done`
 * read as something else), and the private-use markers of user references (`user-refs.ts`).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\uE000\uE001]/g;

/**
 * Free text as it may be shown back (notes, names, history, console, web, digests): unsafe characters
 * removed. The one function for it; platform escaping (Slack's `&`, `<`, `>`) happens in the adapter.
 */
export function cleanFreeText(text: string): string {
  return String(text ?? '').replace(UNSAFE, '');
}
