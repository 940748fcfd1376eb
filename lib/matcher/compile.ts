// Build time: glossary entries → MatcherIndex (plain JSON, inlined into the
// content script). Run time: MatcherIndex → Matcher (loadMatcher), which only
// decodes flat arrays, because a content script starts cold on every page
// and every page pays for its start-up work.
//
// The index holds only what matching needs: entry id, category, the highest
// safety severity (for styling), alias rules and two packed tries. The
// entries' text (short, explanation, sources …) stays out of the per-page
// bundle. compileMatcherIndex and its variant tables are not referenced by
// loadMatcher, so bundlers drop them from the content script.

import type { Category, GlossaryEntry, Severity, Tier } from '../glossary/types';
import { type AliasRule, createMatcher, type Matcher, type MatcherEntry } from './match';
import { CHAR_BASE, encodeTrie, type PackedTrie, type TrieOutput } from './packed-format';
import { buildPrecheck, type PrecheckIndex, precheckSource } from './precheck';
import { Trie } from './trie';
import { aliasVariants, contextWordVariants, foldForm, normalizeForm } from './variants';

export const MATCHER_INDEX_VERSION = 3;

/** Alias code bits: tier in the low 3 bits. */
const TIER = 7;
const F_CASE = 8;
const F_PAGE = 16;

const SEVERITIES: readonly (Severity | undefined)[] = [undefined, 'info', 'caution', 'danger'];

export interface MatcherIndex {
  v: typeof MATCHER_INDEX_VERSION;
  /**
   * One row per glossary entry, in input order (ids are not here: the
   * content script speaks entry numbers, see entryIds in
   * modules/matcher-index.ts):
   * [category (position in `categories`), severity (0 none, 1 info,
   * 2 caution, 3 danger), alias codes]. Alias codes are one character per
   * alias, CHAR_BASE + (tier | 8 if case-sensitive | 16 if pageContext); every alias
   * of the entry has one, tier 4 included, so RawMatch.alias is the position
   * in the glossary entry's `aliases`. Guard phrases (alias.notIn) follow
   * as tier-4 codes past the end of `aliases`.
   */
  entries: [number, number, string][];
  /** The categories, each named once (the content script's size budget counts every byte). */
  categories: Category[];
  /** Aliases with context or negative words: [entry, alias, context word ids, negative word ids]. */
  rules: [number, number, number[], number[]][];
  /** Variants of tier 1–3 aliases; outputs are global alias numbers (entry offset + alias position). */
  terms: PackedTrie;
  /** Variants of context and negative words; outputs are word ids. */
  words: PackedTrie;
  /** Could a lower-cased text hold a context-giving match? (precheck.ts) */
  precheck: PrecheckIndex;
}

// ---------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------

interface Output extends TrieOutput {
  /** Lower ranks win when two outputs share a node. */
  rank: number;
}

interface BuildNode {
  children: Map<number, BuildNode>;
  outs: Output[];
}

function newNode(): BuildNode {
  return { children: new Map(), outs: [] };
}

function insert(root: BuildNode, key: string, out: Output): void {
  let node = root;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    let next = node.children.get(c);
    if (next === undefined) {
      next = newNode();
      node.children.set(c, next);
    }
    node = next;
  }
  if (!node.outs.some((o) => o.value === out.value && o.exact === out.exact)) node.outs.push(out);
}

/**
 * Packs a build trie (see encodeTrie). Case-sensitive outputs of a node come
 * first, so they are checked first.
 * @param keepAll keep every case-insensitive output of a node (context words);
 *   otherwise only the best one, since longest-match reports one alias per span.
 */
function pack(root: BuildNode, keepAll: boolean): PackedTrie {
  return encodeTrie(root, (node) => {
    const sorted = node.outs.slice().sort((a, b) => a.rank - b.rank);
    return [
      ...sorted.filter((o) => o.exact !== undefined),
      ...sorted.filter((o) => o.exact === undefined).slice(0, keepAll ? undefined : 1),
    ];
  });
}

function maxSeverity(entry: GlossaryEntry): number {
  let max = 0;
  for (const note of entry.safety) max = Math.max(max, SEVERITIES.indexOf(note.severity));
  return max;
}

/**
 * Compiles glossary entries into the serialisable matcher index. Tier-4
 * aliases get an alias code (so numbering stays aligned with the glossary)
 * but no automaton entry: they are never marked automatically.
 */
export function compileMatcherIndex(entries: readonly GlossaryEntry[]): MatcherIndex {
  const terms = newNode();
  const words = newNode();
  const wordIds = new Map<string, number>();
  const wordId = (w: string): number => {
    const key = normalizeForm(w, false);
    let id = wordIds.get(key);
    if (id === undefined) {
      id = wordIds.size;
      wordIds.set(key, id);
      for (const form of contextWordVariants(w)) insert(words, form, { value: id, rank: 0 });
    }
    return id;
  };

  const rows: MatcherIndex['entries'] = [];
  const rules: MatcherIndex['rules'] = [];
  const categories: Category[] = [];
  const contextForms: string[] = [];
  let global = 0;
  entries.forEach((entry, e) => {
    let codes = '';
    entry.aliases.forEach((alias, a) => {
      const g = global++;
      const cs = alias.caseSensitive === true;
      codes += String.fromCharCode(
        CHAR_BASE + (alias.tier | (cs ? F_CASE : 0) | (alias.pageContext ? F_PAGE : 0)),
      );
      if (alias.tier === 4) return;
      const forms = aliasVariants(alias);
      forms.forEach((form, f) => {
        // Rank: case-sensitive before insensitive is handled by pack (exact
        // outputs are checked first); among the rest the lower tier, then the
        // alias's own form before generated variants, then glossary order.
        const rank = alias.tier * 1e6 + (f === 0 ? 0 : 5e5) + g;
        const key = cs ? foldForm(form) : form;
        if (cs) insert(terms, key, { value: g, exact: form, rank });
        else insert(terms, key, { value: g, rank });
        if (alias.tier === 1 || alias.pageContext) contextForms.push(key);
      });
      const context = (alias.context ?? []).map(wordId);
      const negative = (alias.negative ?? []).map(wordId);
      if (context.length > 0 || negative.length > 0) rules.push([e, a, context, negative]);
    });
    // Guard phrases (alias.notIn: "hemodynamic depression", "your PCP") get
    // tier-4 codes after the entry's own aliases: the longest match swallows
    // the alias inside them, and tier 4 is never marked. Case-insensitive,
    // and ranked after every real alias so an equal form of another entry
    // still wins. No run-time code: the content script never knows.
    for (const alias of entry.aliases) {
      for (const phrase of alias.notIn ?? []) {
        const g = global++;
        codes += String.fromCharCode(CHAR_BASE + 4);
        for (const form of aliasVariants({ text: phrase })) insert(terms, form, { value: g, rank: 9e6 + g });
      }
    }
    if (!categories.includes(entry.category)) categories.push(entry.category);
    rows.push([categories.indexOf(entry.category), maxSeverity(entry), codes]);
  });

  return {
    v: MATCHER_INDEX_VERSION,
    entries: rows,
    categories,
    rules,
    terms: pack(terms, false),
    words: pack(words, true),
    precheck: buildPrecheck(contextForms),
  };
}

// ---------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------

/**
 * Decodes an index (as produced by compileMatcherIndex, possibly through
 * JSON) into a Matcher. Linear in the index size; no trie building.
 */
export function loadMatcher(index: MatcherIndex): Matcher {
  if (index.v !== MATCHER_INDEX_VERSION) {
    throw new Error(`matcher index version ${String(index.v)}, expected ${MATCHER_INDEX_VERSION}`);
  }
  const rows = index.entries;
  const entries: MatcherEntry[] = new Array(rows.length);
  const aliasOffset = new Int32Array(rows.length + 1);
  let total = 0;
  for (let e = 0; e < rows.length; e++) {
    const row = rows[e] as MatcherIndex['entries'][number];
    entries[e] = { category: index.categories[row[0]] as Category, severity: SEVERITIES[row[1]] };
    aliasOffset[e] = total;
    total += row[2].length;
  }
  aliasOffset[rows.length] = total;
  // Entry and tier of each global alias number: one lookup per match instead of a search.
  const aliasEntry = new Int32Array(total);
  const aliasTier = new Uint8Array(total);
  for (let e = 0, g = 0; e < rows.length; e++) {
    const codes = (rows[e] as MatcherIndex['entries'][number])[2];
    for (let a = 0; a < codes.length; a++, g++) {
      aliasEntry[g] = e;
      aliasTier[g] = (codes.charCodeAt(a) - CHAR_BASE) & TIER;
    }
  }

  let rules: AliasRule[] | undefined;
  const buildRules = (): AliasRule[] => {
    const built: AliasRule[] = [];
    for (const row of rows) {
      const codes = row[2];
      for (let a = 0; a < codes.length; a++) {
        const code = codes.charCodeAt(a) - CHAR_BASE;
        built.push({
          tier: (code & TIER) as Tier,
          caseSensitive: (code & F_CASE) !== 0,
          pageContext: (code & F_PAGE) !== 0,
          context: undefined,
          negative: undefined,
        });
      }
    }
    for (const [e, a, context, negative] of index.rules) {
      const rule = built[(aliasOffset[e] as number) + a] as AliasRule;
      if (context.length > 0) rule.context = context;
      if (negative.length > 0) rule.negative = negative;
    }
    return built;
  };
  let terms: Trie | undefined;
  let words: Trie | undefined;

  return createMatcher([
    entries,
    aliasOffset,
    aliasEntry,
    aliasTier,
    // rule
    (g) => {
      rules ??= buildRules();
      return rules[g] as AliasRule;
    },
    // terms
    () => {
      terms ??= new Trie(index.terms);
      return terms;
    },
    // words
    () => {
      words ??= new Trie(index.words);
      return words;
    },
    // precheck. Not kept: a page asks once or twice, and its compiled code
    // (~0.1 MB) would stay in every tab's heap.
    () => new RegExp(precheckSource(index.precheck)),
  ]);
}
