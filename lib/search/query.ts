// Query normalisation: what every pass sees of what was typed. Readers type
// questions ("is ketamine addictive"), so question and filler words are
// dropped, and the drug's own names are context rather than the thing sought.
import { normalizeKey, stem, tokenize } from './normalize';

/** Longer queries are cut: nobody types a paragraph into the box, and it bounds the work per keystroke. */
const MAX_QUERY = 64;
const MAX_QUERY_WORDS = 8;

/** Question and filler words: "what is a k-hole" looks up "k-hole", not every entry with "is". */
const STOP_WORDS = new Set(
  (
    'a about after aint an and any anyone anything are arent as at be been but by can cant could couldnt ' +
    'd did didnt do does doesnt doing dont feel feeling feels felt for from get gets getting got had has ' +
    'have having happen happens how i id if im in into is isnt it its ive just know like ll m me mean ' +
    'means my need needs no not of ok okay on or please re really s should shouldnt so some someone ' +
    'something stuff t take taken takes taking tell than that the their them then there these they ' +
    'thing things this those to took use used uses using ve very vs versus was we were what whats when ' +
    'where which who why will with wont would wouldnt you youre your'
  ).split(' '),
);

/**
 * The drug itself: nearly every entry mentions it, so in a longer query it
 * says what the question is about, not what is sought ("ketamine and weed").
 */
const CONTEXT_WORDS = new Set(['ketamine', 'ketamines', 'ketamin', 'ketamina', 'ket', 'kets', 'k']);

export function isContextWord(word: string): boolean {
  return CONTEXT_WORDS.has(word);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Stop words that still carry meaning inside a keyword phrase ("how long", "how often"). */
const QUESTION_WORDS = new Set(['how', 'what', 'when', 'where', 'which', 'who', 'why']);

export function isQuestionWord(word: string): boolean {
  return QUESTION_WORDS.has(word);
}

export interface QueryToken {
  /** Folded. */
  word: string;
  stem: string;
  kind: 'stop' | 'context' | 'content';
}

export interface ParsedQuery {
  /** Trimmed and cut to length, otherwise as typed. */
  raw: string;
  /** `raw` as a name key (see normalizeKey); never empty. */
  key: string;
  /** Every word of `raw`, in order. */
  tokens: QueryToken[];
  /** Distinct content words (no stop or context words, two letters or more): what an entry must answer. */
  words: string[];
  /** `key` without stop words ("what is a k-hole" → "khole"), or '' when nothing is left. */
  coreKey: string;
  /** `coreKey` without context words too ("ketamine and booze" → "booze"). */
  topicKey: string;
  /** Only context (and stop) words: the reader means ketamine itself. */
  contextOnly: boolean;
}

function clip(query: string): string {
  return query.trim().slice(0, MAX_QUERY);
}

/** The query as a name key; '' when it holds no letters or digits. */
export function queryKey(query: string): string {
  return normalizeKey(clip(query));
}

function classify(word: string): QueryToken['kind'] {
  if (CONTEXT_WORDS.has(word)) return 'context';
  return STOP_WORDS.has(word) ? 'stop' : 'content';
}

/** null when there is nothing to search for. */
export function parseQuery(query: string): ParsedQuery | null {
  const raw = clip(query);
  const key = normalizeKey(raw);
  if (!key) return null;
  const tokens = tokenize(raw).map(
    ({ word }): QueryToken => ({ word, stem: stem(word), kind: classify(word) }),
  );
  const content = tokens.filter((t) => t.kind === 'content');
  // One letter is a prefix of too many words to mean anything.
  const words = [...new Set(content.map((t) => t.word).filter((w) => w.length >= 2))].slice(
    0,
    MAX_QUERY_WORDS,
  );
  return {
    raw,
    key,
    tokens,
    words,
    coreKey: tokens
      .filter((t) => t.kind !== 'stop')
      .map((t) => t.word)
      .join(''),
    topicKey: content.map((t) => t.word).join(''),
    contextOnly: content.length === 0 && tokens.some((t) => t.kind === 'context'),
  };
}
