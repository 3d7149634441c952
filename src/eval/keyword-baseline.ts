/**
 * The plain keyword baseline eval compares against: a requirement is "present" when any of its
 * terms, synonyms, acronyms or phrases occurs anywhere in the extracted text, case-insensitive, on
 * word boundaries. No sections, no context, no hidden-text check: what a naive screener does, so
 * the gain of the real tagger is measurable.
 */
import type { Line } from '../extract/document.schema';
import type { Level } from '../evidence/evidence.schema';
import type { Profile, Requirement } from '../profile/profile.schema';

export interface KeywordHit {
  page: number;
  line: number;
  quote: string;
  term: string;
}

export interface BaselineRequirement {
  requirementId: string;
  present: boolean;
  /** A keyword hit says a word is there, nothing about use: the most the baseline can claim is "mentioned". */
  level: Level;
  hits: KeywordHit[];
}

export interface BaselineResult {
  requirements: BaselineRequirement[];
  /**
   * Lines that hit the publications requirement's keywords: the naive count of papers. Undefined
   * when the profile has no requirement with `sectionEvidence: ["publications"]`.
   */
  publicationCount?: number;
}

const WORD_CHAR = '[\\p{L}\\p{N}]';
/** In profile phrases "..." (or "…") stands for up to three other words. */
const GAP = /\s*(?:\.\.\.|…)\s*/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One keyword as a regular expression: spaces match any whitespace, "..." up to three words. */
export function keywordPattern(keyword: string): RegExp {
  const pieces = keyword
    .trim()
    .split(GAP)
    .map((piece) => piece.split(/\s+/).map(escapeRegExp).join('\\s+'));
  const body = pieces.join(`(?:\\s+${WORD_CHAR}+){0,3}\\s+`);
  return new RegExp(`(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`, 'iu');
}

function keywordsOf(requirement: Requirement): string[] {
  const { terms, synonyms, acronyms, phrases } = requirement.evidence;
  return [...new Set([...terms, ...synonyms, ...acronyms, ...phrases])];
}

const patternCache = new WeakMap<Requirement, Array<{ term: string; pattern: RegExp }>>();

function patternsOf(requirement: Requirement): Array<{ term: string; pattern: RegExp }> {
  let patterns = patternCache.get(requirement);
  if (!patterns) {
    patterns = keywordsOf(requirement).map((term) => ({ term, pattern: keywordPattern(term) }));
    patternCache.set(requirement, patterns);
  }
  return patterns;
}

/** Every line with at least one keyword of the requirement (first matching keyword per line). */
export function keywordHits(lines: readonly Line[], requirement: Requirement): KeywordHit[] {
  const hits: KeywordHit[] = [];
  for (const line of lines) {
    const found = patternsOf(requirement).find(({ pattern }) => pattern.test(line.text));
    if (found) hits.push({ page: line.page, line: line.line, quote: line.text, term: found.term });
  }
  return hits;
}

export function keywordBaseline(lines: readonly Line[], profile: Profile): BaselineResult {
  const requirements = profile.requirements.map((requirement): BaselineRequirement => {
    const hits = keywordHits(lines, requirement);
    return { requirementId: requirement.id, present: hits.length > 0, level: hits.length > 0 ? 'mentioned' : 'none', hits };
  });
  const publications = profile.requirements.find((requirement) => requirement.sectionEvidence.includes('publications'));
  if (publications === undefined) return { requirements };
  const count = requirements.find((result) => result.requirementId === publications.id)?.hits.length ?? 0;
  return { requirements, publicationCount: count };
}
