// Words: ranks entries by how many of the query's content words they answer,
// then by where they answer them (a name ≫ a keyword ≫ the short definition ≫
// the explanation). Handles questions and phrases that match no whole name:
// "is ketamine addictive", "how long does ketamine last", "peeing blood".
//
// A query word matches an entry word it starts ("snort" → "snorting") or
// shares a stem with ("peeing" → "pee"). Only a word that matches nothing
// anywhere is tried as a typo, and only against whole words of names and
// keywords, so "weed" never becomes "need" and "hole" never "tolerance".
import type { Doc, Keyword, NameKey, SearchIndex } from './index-build';
import { stem, type Token, tokenize } from './normalize';
import { isContextWord, isQuestionWord, isStopWord, type ParsedQuery, type QueryToken } from './query';
import type { Hit, SearchPass, SearchResult } from './types';
import {
  buildWordIndex,
  IN_EXPLANATION,
  IN_KEYWORD,
  IN_NAME,
  IN_SHORT,
  lookupExact,
  lookupWord,
  typoWords,
} from './word-index';

const NAME_WEIGHT = 10;
const KEYWORD_WEIGHT = 4;
const SHORT_WEIGHT = 1.5;
const EXPLANATION_WEIGHT = 1;
/** A typo counts for less than the word itself. */
const TYPO_FACTOR = 0.5;
/** So does a finished word found only as the start of a longer one. */
const PREFIX_FACTOR = 0.5;
/** "ketamine therapy": of two entries that answer "therapy" alike, the one named for ketamine. Never enough to list an entry. */
const CONTEXT_BONUS = 0.25;

const fieldWeight = (bits: number) =>
  bits & IN_NAME
    ? NAME_WEIGHT
    : bits & IN_KEYWORD
      ? KEYWORD_WEIGHT
      : bits & IN_SHORT
        ? SHORT_WEIGHT
        : bits & IN_EXPLANATION
          ? EXPLANATION_WEIGHT
          : 0;

interface Score {
  score: number;
  /** How many query words the entry answers. */
  matched: number;
  bits: number;
  /** The keyword phrase that matched, to show. */
  phrase?: Keyword;
}

interface Phrase {
  doc: number;
  keyword: Keyword;
}

/** A query token stands for a keyword word when it has its stem or starts it (typing "addic"). */
const tokenMatches = (t: QueryToken, word: string, wordStem: string) =>
  t.stem === wordStem || (t.word.length >= 3 && word.startsWith(t.word));

/** Indices into `slots` that the phrase answers, or null when it does not match. */
function matchPhrase(k: Keyword, q: ParsedQuery, slots: readonly string[]): number[] | null {
  const covered: number[] = [];
  let content = false;
  for (let j = 0; j < k.words.length; j++) {
    const t = q.tokens.find((t) => tokenMatches(t, k.words[j] ?? '', k.stems[j] ?? ''));
    if (!t) return null;
    const i = slots.indexOf(t.word);
    if (i >= 0) covered.push(i);
    if (t.kind === 'content') content = true;
  }
  // A phrase of question words alone answers nothing.
  return content ? covered : null;
}

/** Whether `run` occurs in `seq` as consecutive items. */
function containsRun(seq: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= seq.length; i++) if (run.every((r, j) => seq[i + j] === r)) return true;
  return false;
}

/** Whether an entry word answers one of the shown query words. */
function hits(word: string, shown: readonly string[], typos: ReadonlySet<string>): boolean {
  const s = stem(word);
  return (
    typos.has(word) || shown.some((w) => (w.length >= 3 ? word.startsWith(w) : word === w) || stem(w) === s)
  );
}

function marked(tokens: Token[], shown: readonly string[], typos: ReadonlySet<string>): Token[] {
  return tokens.filter((t) => hits(t.word, shown, typos));
}

/** Shows the name holding the most query words, else the keyword, else the short definition. */
function wordResult(d: Doc, s: Score, q: ParsedQuery, typos: ReadonlySet<string>): SearchResult {
  if (s.bits & IN_NAME) {
    let best: { key: NameKey; tokens: Token[] } | null = null;
    for (const key of d.names) {
      const tokens = marked(tokenize(key.text), q.words, typos);
      if (tokens.length > (best?.tokens.length ?? 0)) best = { key, tokens };
    }
    if (best) {
      const indices = best.tokens.map((t) => [t.start, t.end] as const);
      return { entry: d.entry, matchedText: best.key.text, indices, field: best.key.field };
    }
  }
  if (s.bits & IN_KEYWORD || s.phrase) {
    const k =
      s.phrase ?? d.keywords.find((k) => k.words.length === 1 && hits(k.words[0] ?? '', q.words, typos));
    if (k) return { entry: d.entry, matchedText: k.text, field: 'keyword' };
  }
  if (s.bits & IN_SHORT) {
    const indices = marked(d.shortTokens, q.words, typos).map((t) => [t.start, t.end] as const);
    return { entry: d.entry, matchedText: d.entry.short, indices, field: 'short' };
  }
  return { entry: d.entry, field: 'explanation' };
}

export function createWordPass(index: SearchIndex): SearchPass {
  const words = buildWordIndex(index.docs);
  const phrases: Phrase[] = index.docs.flatMap((d, doc) =>
    d.keywords.filter((k) => k.words.length > 1).map((keyword) => ({ doc, keyword })),
  );
  // Names of two words or more, as stems without stop words (the query has none), to spot
  // one written out in the query.
  const longNames = index.docs.map((d) =>
    d.names
      .map((k) =>
        tokenize(k.text)
          .filter((t) => !isStopWord(t.word))
          .map((t) => stem(t.word)),
      )
      .filter((n) => n.length > 1),
  );
  const namedForKetamine = new Set(
    index.docs.flatMap((d, doc) =>
      d.names.some((k) => tokenize(k.text).some((t) => isContextWord(t.word))) ? [doc] : [],
    ),
  );

  return (q, taken) => {
    const n = q.words.length;
    if (n === 0) return [];
    const scores = new Map<number, Score>();
    const get = (doc: number) => {
      let s = scores.get(doc);
      if (!s) {
        s = { score: 0, matched: 0, bits: 0 };
        scores.set(doc, s);
      }
      return s;
    };
    // The words an entry can answer: the content words, and question words that a
    // keyword phrase uses ("how long"), so the phrase outranks a lone "long".
    const questions = q.tokens.filter((t) => t.kind === 'stop' && isQuestionWord(t.word)).map((t) => t.word);
    const slots = [...q.words, ...new Set(questions)];
    // Per slot, the best weight each entry earns for it.
    const perSlot = slots.map(() => new Map<number, number>());
    const typos = new Set<string>();
    const typing = q.tokens[q.tokens.length - 1]?.word;
    q.words.forEach((w, i) => {
      const best = perSlot[i] as Map<number, number>;
      const found = lookupWord(words, w, true);
      if (found.size === 0) {
        const near = typoWords(words, w);
        // "ketamne" is the drug misspelt: context, like the word itself.
        if (near.some(isContextWord)) return;
        for (const t of near) typos.add(t);
        for (const [doc, bits] of lookupExact(words, near)) {
          best.set(doc, fieldWeight(bits) * TYPO_FACTOR);
          get(doc).bits |= bits;
        }
        return;
      }
      // Only the word being typed is a prefix for sure; a finished "safe" means "safe" more than "safety".
      const whole = w === typing ? found : lookupWord(words, w, false);
      for (const [doc, bits] of found) {
        const exact = whole.get(doc) ?? 0;
        best.set(doc, Math.max(fieldWeight(exact), fieldWeight(bits) * PREFIX_FACTOR));
        get(doc).bits |= bits;
      }
    });
    for (const { doc, keyword } of phrases) {
      const covered = matchPhrase(keyword, q, slots);
      if (!covered) continue;
      for (const i of covered) {
        const best = perSlot[i] as Map<number, number>;
        best.set(doc, Math.max(best.get(doc) ?? 0, KEYWORD_WEIGHT));
      }
      const s = get(doc);
      s.phrase ??= keyword;
    }
    for (const best of perSlot) {
      // A word few entries have says more about what is sought ("spravato" over "effects").
      const rarity = Math.log2(1 + index.docs.length / Math.max(1, best.size));
      for (const [doc, weight] of best) {
        const s = get(doc);
        s.score += weight * rarity;
        s.matched++;
      }
    }
    const said = q.tokens.filter((t) => t.kind !== 'stop').map((t) => t.stem);
    const hasContext = q.tokens.some((t) => t.kind === 'context');
    for (const [doc, s] of scores) {
      if (hasContext && namedForKetamine.has(doc)) s.score += CONTEXT_BONUS;
      // "ketamine infusion for depression" names Ketamine infusion outright.
      if (longNames[doc]?.some((n) => containsRun(said, n))) s.score += NAME_WEIGHT;
    }
    let most = 0;
    for (const s of scores.values()) most = Math.max(most, s.matched);
    // A longer question must be answered at least half; but show the best there is.
    const need = Math.max(1, Math.min(Math.ceil(n / 2), most));
    return [...scores]
      .filter(([doc, s]) => s.matched >= need && !taken.has(doc))
      .sort(([a, x], [b, y]) => y.matched - x.matched || y.score - x.score || index.az(a, b))
      .map(([doc, s]): Hit => ({ doc, result: wordResult(index.docs[doc] as Doc, s, q, typos) }));
  };
}
