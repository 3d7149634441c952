import { stemWord, tokenize, type Token } from './tokenize';

export type TermKind = 'term' | 'synonym' | 'acronym' | 'phrase';

/** One word of a compiled term: a stemmed word, a case-sensitive acronym word, or a gap. */
type PatternPart =
  | { kind: 'word'; lower: string; stem: string }
  | { kind: 'exact'; text: string }
  | { kind: 'gap'; max: number };

export interface TermPattern {
  requirementIndex: number;
  /** The profile string, shown to the reviewer as what matched. */
  term: string;
  kind: TermKind;
  parts: PatternPart[];
}

export interface TermMatch {
  pattern: TermPattern;
  /** First and last token of the match (inclusive). */
  first: number;
  last: number;
  /** Character offsets of the match in the line: [start, end). */
  start: number;
  end: number;
}

/** Patterns indexed by what their first word must be, so a line is scanned once for all terms. */
export interface TermIndex {
  byStem: Map<string, TermPattern[]>;
  byExact: Map<string, TermPattern[]>;
  /**
   * Acronym patterns by the token (`bare`) that may start them: the acronym as written, then (for
   * a token ending in "s") the acronym of its singular. Built from `byExact` once, so matching a
   * token needs one look-up and no string slicing.
   */
  byExactToken: Map<string, TermPattern[]>;
}

/** "..." (or "…") inside a phrase stands for up to this many other words. */
export const PHRASE_GAP_WORDS = 3;
const GAP_MARKER = /\s*(?:\.\.\.|…)\s*/;

/**
 * Endings that only inflect a word. Two words with the same Porter stem match only when what
 * follows their common prefix is one of these, so "trained" ~ "training" but "publication" is
 * not "public", "transformer" is not "transformation" and "critic" is not "critical".
 */
const INFLECTIONS = new Set(['', 's', 'es', 'e', 'ed', 'd', 'ing', 'ings', 'ion', 'ions', 'y', 'ies', 'ied']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

function dropDoubledConsonant(suffix: string, previous: string | undefined): string {
  // "modelling" / "planning": the doubled consonant belongs to the inflection.
  if (previous !== undefined && suffix.length > 1 && suffix[0] === previous && !VOWELS.has(previous)) {
    return suffix.slice(1);
  }
  return suffix;
}

export function inflectionCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  if (prefix < 3) return false;
  const previous = a[prefix - 1];
  const suffixA = dropDoubledConsonant(a.slice(prefix), previous);
  const suffixB = dropDoubledConsonant(b.slice(prefix), previous);
  return INFLECTIONS.has(suffixA) && INFLECTIONS.has(suffixB);
}

function compileParts(value: string, kind: TermKind): PatternPart[] {
  const parts: PatternPart[] = [];
  value.split(GAP_MARKER).forEach((piece, index) => {
    if (index > 0) parts.push({ kind: 'gap', max: PHRASE_GAP_WORDS });
    for (const token of tokenize(piece)) {
      parts.push(kind === 'acronym' ? { kind: 'exact', text: token.bare } : { kind: 'word', lower: token.lower, stem: stemWord(token.lower) });
    }
  });
  // A gap at either end would only widen the match; drop it.
  while (parts[0]?.kind === 'gap') parts.shift();
  while (parts[parts.length - 1]?.kind === 'gap') parts.pop();
  return parts;
}

function addTo(map: Map<string, TermPattern[]>, key: string, pattern: TermPattern): void {
  const list = map.get(key);
  if (list) list.push(pattern);
  else map.set(key, [pattern]);
}

export interface TermSource {
  requirementIndex: number;
  term: string;
  kind: TermKind;
}

export function compileTermIndex(sources: readonly TermSource[]): TermIndex {
  const index: TermIndex = { byStem: new Map(), byExact: new Map(), byExactToken: new Map() };
  for (const source of sources) {
    const parts = compileParts(source.term, source.kind);
    const first = parts[0];
    if (first === undefined) continue;
    const pattern: TermPattern = { ...source, parts };
    if (first.kind === 'exact') addTo(index.byExact, first.text, pattern);
    else if (first.kind === 'word') addTo(index.byStem, first.stem, pattern);
  }
  for (const text of index.byExact.keys()) {
    for (const form of [text, `${text}s`]) {
      if (!index.byExactToken.has(form)) index.byExactToken.set(form, exactCandidates(index.byExact, form));
    }
  }
  return index;
}

/** Acronym patterns a token may start, in match order: as written, then its singular. */
function exactCandidates(byExact: ReadonlyMap<string, TermPattern[]>, bare: string): TermPattern[] {
  const found = [...(byExact.get(bare) ?? [])];
  if (bare.endsWith('s')) found.push(...(byExact.get(bare.slice(0, -1)) ?? []));
  return found;
}

/** `word` is `singular` + "s" (compared without building the plural). */
function isPluralOf(word: string, singular: string): boolean {
  return word.length === singular.length + 1 && word.endsWith('s') && word.startsWith(singular);
}

function partMatches(token: Token, part: PatternPart): boolean {
  if (part.kind === 'exact') return token.bare === part.text || isPluralOf(token.bare, part.text);
  if (part.kind === 'word') {
    return token.lower === part.lower || (token.stem === part.stem && inflectionCompatible(token.lower, part.lower));
  }
  return false;
}

/** Index of the last token of a match of `parts` starting at token `at`, or -1. */
function matchFrom(tokens: readonly Token[], at: number, parts: readonly PatternPart[], partIndex: number, clause: number): number {
  const part = parts[partIndex];
  if (part === undefined) return at - 1;
  if (part.kind === 'gap') {
    for (let skip = 0; skip <= part.max; skip += 1) {
      const end = matchFrom(tokens, at + skip, parts, partIndex + 1, clause);
      if (end >= 0) return end;
    }
    return -1;
  }
  const token = tokens[at];
  if (token === undefined || token.clause !== clause || !partMatches(token, part)) return -1;
  return matchFrom(tokens, at + 1, parts, partIndex + 1, clause);
}

/** Every match of every compiled term in one tokenised line, in token order. */
export function findTermMatches(index: TermIndex, tokens: readonly Token[]): TermMatch[] {
  const matches: TermMatch[] = [];
  tokens.forEach((token, position) => {
    // Word patterns first, then acronyms: the order matches are reported in.
    addMatchesAt(matches, tokens, position, index.byStem.get(token.stem));
    addMatchesAt(matches, tokens, position, index.byExactToken.get(token.bare));
  });
  return matches;
}

function addMatchesAt(matches: TermMatch[], tokens: readonly Token[], position: number, candidates: readonly TermPattern[] | undefined): void {
  const token = tokens[position];
  if (candidates === undefined || token === undefined) return;
  for (const pattern of candidates) {
    const last = matchFrom(tokens, position, pattern.parts, 0, token.clause);
    const lastToken = tokens[last];
    if (last < position || lastToken === undefined) continue;
    matches.push({ pattern, first: position, last, start: token.start, end: lastToken.end });
  }
}
