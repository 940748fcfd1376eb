// Query normalisation: what every pass sees of what was typed.
import { normalizeKey, tokenize } from './normalize';

/** Longer queries are cut: nobody types a paragraph into the box, and it bounds the work per keystroke. */
const MAX_QUERY = 64;
const MAX_QUERY_WORDS = 8;

/** Dropped from word lookups so "what is a k-hole" looks up "k-hole", not every entry with "is". */
const STOP_WORDS = new Set(
  (
    'a an and are as at be but by can do does for from has have how i if in into is it its me my ' +
    'no not of on or so than that the their them then there these they this to was what when where ' +
    'which who why will with you your'
  ).split(' '),
);

export interface ParsedQuery {
  /** Trimmed and cut to length, otherwise as typed. */
  raw: string;
  /** `raw` as a name key (see normalizeKey); never empty. */
  key: string;
  /** Folded content words of `raw`, for word lookups. */
  words: string[];
}

function clip(query: string): string {
  return query.trim().slice(0, MAX_QUERY);
}

/** The query as a name key; '' when it holds no letters or digits. */
export function queryKey(query: string): string {
  return normalizeKey(clip(query));
}

/** Stop words are kept when the query is nothing else, so "the" still finds something. */
function queryWords(raw: string): string[] {
  const all = tokenize(raw).map((t) => t.word);
  const content = all.filter((w) => !STOP_WORDS.has(w));
  // One letter is a prefix of too many words to mean anything.
  return (content.length > 0 ? content : all).filter((w) => w.length >= 2).slice(0, MAX_QUERY_WORDS);
}

/** null when there is nothing to search for. */
export function parseQuery(query: string): ParsedQuery | null {
  const raw = clip(query);
  const key = normalizeKey(raw);
  return key ? { raw, key, words: queryWords(raw) } : null;
}
