/**
 * An offset-keeping tokenizer: natural's WordTokenizer throws character positions away, and every
 * evidence item needs the exact span of the words that matched inside the verbatim line.
 */

// natural ships no typings for its deep module paths; this is the one function we use. Importing
// the module directly (not `natural`) avoids its .env loading and start-up banners.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porterStemmer = require('natural/lib/natural/stemmers/porter_stemmer') as { stem(word: string): string };

export interface Token {
  /** The token as written (soft hyphens kept), so `line.slice(start, end) === text`. */
  text: string;
  /** Case kept, soft hyphens and a possessive "'s" removed: what acronyms compare against. */
  bare: string;
  /** `bare` in lower case: what words, phrases and context cues compare against. */
  lower: string;
  /** Porter stem of `lower`. */
  stem: string;
  start: number;
  end: number;
  /** Index of the clause (sentence part) the token is in; negation and context stop at clauses. */
  clause: number;
  /** True when a comma separates this token from the previous one. */
  afterComma: boolean;
}

/** Letters, digits and soft hyphens, optionally with an apostrophe part ("don't", "PPO's"). */
const TOKEN_PATTERN = /[\p{L}\p{N}\u00AD]+(?:['’][\p{L}]+)?/gu;
/** Punctuation between tokens that ends a clause: sentence ends, semicolons, bars, bullets. */
const CLAUSE_BREAK = /[;!?|•·▪●]|[.:](?=\s|$)/u;
/** Words that start a new clause of their own ("…agents, but no RL"). */
const CLAUSE_WORDS = new Set(['but', 'however', 'although', 'though', 'whereas']);

const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

/** Porter stem with a cache: stemming is the expensive part of tokenising, and words repeat. */
export function stemWord(lower: string): string {
  const cached = stemCache.get(lower);
  if (cached !== undefined) return cached;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  const stem = porterStemmer.stem(lower);
  stemCache.set(lower, stem);
  return stem;
}

export function bareWord(text: string): string {
  // Most words have neither a soft hyphen nor an apostrophe: skip the two regex passes.
  if (!text.includes('\u00AD') && !text.includes("'") && !text.includes('’')) return text;
  return text.replace(/\u00AD/g, '').replace(/['’]s$/, '');
}

/** Splits one line into tokens with character offsets and clause numbers. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let previousEnd = 0;
  // exec on the shared pattern, not matchAll: matchAll clones the RegExp on every call, and
  // tokenize runs once per line of every document. The pattern never matches empty, and
  // lastIndex is reset here, so a previous call that threw cannot leave it mid-line.
  TOKEN_PATTERN.lastIndex = 0;
  for (let match = TOKEN_PATTERN.exec(line); match !== null; match = TOKEN_PATTERN.exec(line)) {
    const text = match[0];
    const start = match.index;
    // Most gaps are one space, which can neither break a clause nor hold a comma: no slice, no regex.
    const plainGap = start === previousEnd + 1 && line.charCodeAt(previousEnd) === 32;
    const gap = plainGap ? ' ' : line.slice(previousEnd, start);
    const bare = bareWord(text);
    const lower = bare.toLowerCase();
    if (tokens.length > 0 && ((!plainGap && CLAUSE_BREAK.test(gap)) || CLAUSE_WORDS.has(lower))) clause += 1;
    tokens.push({
      text,
      bare,
      lower,
      stem: stemWord(lower),
      start,
      end: start + text.length,
      clause,
      afterComma: !plainGap && gap.includes(','),
    });
    previousEnd = start + text.length;
  }
  return tokens;
}
