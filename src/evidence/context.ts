/**
 * What the words around a match say about it: another sense of the word, a negation, a hedge,
 * a claim of mere familiarity, a lead/ownership word, or a number of years.
 */
import { tokenize, type Token } from './tokenize';
import type { TermMatch } from './match-terms';

/** A context cue: a word sequence compared in lower case, a plural "s"/"es" allowed per word. */
export type Cue = { text: string; words: string[] };

/**
 * Cues indexed by every form their first word may take in a token: as written, with a plural "s"
 * and with "es". A scan then costs one map look-up per token, with no slicing or array copying
 * (the lookup by singular forms was the hottest function of tagging in CPU profiles).
 */
export interface CueSet {
  byToken: Map<string, Cue[]>;
}

export function compileCues(values: readonly string[]): CueSet {
  const byFirstWord = new Map<string, Cue[]>();
  for (const text of values) {
    const words = tokenize(text).map((token) => token.lower);
    const first = words[0];
    if (first === undefined) continue;
    const list = byFirstWord.get(first);
    if (list) list.push({ text, words });
    else byFirstWord.set(first, [{ text, words }]);
  }
  const byToken = new Map<string, Cue[]>();
  for (const word of byFirstWord.keys()) {
    for (const form of [word, `${word}s`, `${word}es`]) {
      if (!byToken.has(form)) byToken.set(form, cuesForToken(byFirstWord, form));
    }
  }
  return { byToken };
}

/**
 * Cues whose first word the token could be: as written, or without a plural "s" / "es", in that
 * order (hits are reported in this order).
 */
function cuesForToken(byFirstWord: ReadonlyMap<string, Cue[]>, lower: string): Cue[] {
  const found = [...(byFirstWord.get(lower) ?? [])];
  if (lower.endsWith('s')) found.push(...(byFirstWord.get(lower.slice(0, -1)) ?? []));
  if (lower.endsWith('es')) found.push(...(byFirstWord.get(lower.slice(0, -2)) ?? []));
  return found;
}

const NO_CUES: readonly Cue[] = [];

function cuesStartingAt(cues: CueSet, token: Token): readonly Cue[] {
  return cues.byToken.get(token.lower) ?? NO_CUES;
}

export interface CueHit {
  cue: Cue;
  first: number;
  last: number;
}

/** The token is the word, or the word with a plural "s" / "es" (compared without building strings). */
function wordIs(token: Token | undefined, word: string): boolean {
  if (token === undefined) return false;
  const lower = token.lower;
  if (lower === word) return true;
  const extra = lower.length - word.length;
  if (extra === 1) return lower.endsWith('s') && lower.startsWith(word);
  if (extra === 2) return lower.endsWith('es') && lower.startsWith(word);
  return false;
}

function cueAt(tokens: readonly Token[], at: number, cue: Cue, clause: number): boolean {
  for (let offset = 0; offset < cue.words.length; offset += 1) {
    const token = tokens[at + offset];
    if (token === undefined || token.clause !== clause || !wordIs(token, cue.words[offset] as string)) return false;
  }
  return true;
}

/**
 * True when a cue occurs wholly within one clause, in a clause `acceptClause` admits, as a hit
 * `acceptHit` admits. The same answer as asking findCues clause by clause over the whole line,
 * in one pass over the tokens.
 */
export function hasCueInClauses(
  tokens: readonly Token[],
  cues: CueSet,
  acceptClause: (clause: number) => boolean = () => true,
  acceptHit: (hit: { first: number; last: number }) => boolean = () => true,
): boolean {
  for (let at = 0; at < tokens.length; at += 1) {
    const token = tokens[at] as Token;
    if (!acceptClause(token.clause)) continue;
    for (const cue of cuesStartingAt(cues, token)) {
      if (cueAt(tokens, at, cue, token.clause) && acceptHit({ first: at, last: at + cue.words.length - 1 })) return true;
    }
  }
  return false;
}

/** Cue occurrences lying wholly within tokens [from, to] and in the given clause. */
export function findCues(tokens: readonly Token[], cues: CueSet, from: number, to: number, clause: number): CueHit[] {
  const hits: CueHit[] = [];
  for (let at = Math.max(0, from); at <= Math.min(to, tokens.length - 1); at += 1) {
    const token = tokens[at];
    if (token === undefined || token.clause !== clause) continue;
    for (const cue of cuesStartingAt(cues, token)) {
      const last = at + cue.words.length - 1;
      if (last <= to && cueAt(tokens, at, cue, clause)) hits.push({ cue, first: at, last });
    }
  }
  return hits;
}

function distance(hit: { first: number; last: number }, match: TermMatch): number {
  if (hit.last < match.first) return match.first - hit.last;
  if (hit.first > match.last) return hit.first - match.last;
  return 0;
}

function nearest(hits: CueHit[], match: TermMatch): CueHit | undefined {
  let best: CueHit | undefined;
  for (const hit of hits) {
    if (best === undefined || distance(hit, match) < distance(best, match)) best = hit;
  }
  return best;
}

function overlaps(hit: CueHit, match: TermMatch): boolean {
  return hit.first <= match.last && hit.last >= match.first;
}

/**
 * Words that put an ambiguous word back in its AI sense ("LLM agents for customer service").
 * Fixed, not per profile: they say "this is about machine learning", whatever the requirement.
 */
const AI_SENSE_CUES = compileCues([
  'ai', 'ml', 'llm', 'gpt', 'nlp', 'neural', 'chatbot', 'machine learning', 'deep learning', 'language model',
  'reinforcement learning', 'rl', 'rlhf', 'agentic', 'multi-agent', 'autonomous', 'tool use', 'tool-using',
  'function calling', 'tool calling',
]);

export interface OtherSense {
  cue: string;
  /** True when the cue covers the matched words themselves ("user agent", "ball python"). */
  hard: boolean;
}

/**
 * Another sense of the matched word. A cue that contains the match names the other sense and
 * always wins; a nearby cue loses to an AI-sense word that is at least as close to the match.
 */
export function findOtherSense(tokens: readonly Token[], match: TermMatch, exclude: CueSet, window: number): OtherSense | undefined {
  const clause = tokens[match.first]?.clause ?? 0;
  const hits = findCues(tokens, exclude, match.first - window, match.last + window, clause);
  const hard = hits.find((hit) => overlaps(hit, match));
  if (hard) return { cue: hard.cue.text, hard: true };
  const closest = nearest(hits, match);
  if (closest === undefined) return undefined;
  if (hasAiSense(tokens, match, distance(closest, match))) return undefined;
  return { cue: closest.cue.text, hard: false };
}

/** True when an AI-sense word (other than the match itself) is within `within` tokens of it. */
export function hasAiSense(tokens: readonly Token[], match: TermMatch, within: number): boolean {
  const clause = tokens[match.first]?.clause ?? 0;
  return findCues(tokens, AI_SENSE_CUES, match.first - within, match.last + within, clause).some((hit) => !overlaps(hit, match));
}

/** True when any clause of the line has an AI-sense word. */
export function mentionsAi(tokens: readonly Token[]): boolean {
  return hasCueInClauses(tokens, AI_SENSE_CUES);
}

/**
 * An acronym directly followed by a signed number or a length ("RL +4.250 m", "RL 12.40 m") is a
 * labelled measurement (a surveyor's reduced level, a datum), not the method the acronym names.
 */
const MEASUREMENT_AFTER = /^\s*[(:=]?\s*(?:[+\-−±]\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?(?:mm|cm|km|m|ft)\b)/u;

/** The measurement that follows an acronym match, as written, or undefined. */
export function findMeasurement(text: string, match: TermMatch): string | undefined {
  if (match.pattern.kind !== 'acronym') return undefined;
  const after = MEASUREMENT_AFTER.exec(text.slice(match.end));
  return after === null ? undefined : after[0].trim();
}

const REPORTING_WORDS = new Set([
  'wrote', 'write', 'writes', 'writing', 'reported', 'reporting', 'reports', 'covered', 'covering', 'interviewed',
  'interviewing', 'article', 'articles', 'series', 'column', 'columns', 'story', 'stories', 'podcast', 'podcasts',
  'blog', 'blogged', 'journalist', 'journalism', 'guidance', 'guidelines',
]);
const TOPIC_WORDS = new Set(['about', 'on']);
const RESEARCH_WORDS = new Set(['paper', 'papers', 'thesis', 'dissertation', 'preprint', 'code', 'software', 'homework', 'harness', 'library']);

/**
 * "Wrote a series on reinforcement learning", "interviewed researchers about language models":
 * the match is the topic of writing or reporting, not work the person did.
 */
export function findReportedTopic(tokens: readonly Token[], match: TermMatch): string | undefined {
  const clause = tokens[match.first]?.clause ?? 0;
  let topicSeen = false;
  for (let at = match.first - 1; at >= 0; at -= 1) {
    const token = tokens[at];
    if (token === undefined || token.clause !== clause) return undefined;
    if (RESEARCH_WORDS.has(token.lower)) return undefined;
    if (TOPIC_WORDS.has(token.lower)) topicSeen = true;
    if (topicSeen && REPORTING_WORDS.has(token.lower)) return token.text;
  }
  return undefined;
}

const NEGATION_WORDS = new Set(['no', 'not', 'never', 'without', 'none', 'neither', 'nor', 'cannot', 'lack', 'lacks', 'lacking', 'non']);
const NEGATION_REACH = 8;

function isNegation(token: Token): boolean {
  return NEGATION_WORDS.has(token.lower) || /n['’]t$/.test(token.lower);
}

/**
 * A negation before the match in the same clause ("No professional RL experience", "never used
 * PPO"). A comma followed by a new verb phrase ends its reach ("…without labels, using PPO").
 */
export function findNegation(tokens: readonly Token[], match: TermMatch, isVerb: (token: Token) => boolean): string | undefined {
  const clause = tokens[match.first]?.clause ?? 0;
  for (let at = match.first - 1; at >= Math.max(0, match.first - NEGATION_REACH); at -= 1) {
    const token = tokens[at];
    if (token === undefined || token.clause !== clause) return undefined;
    const next = tokens[at + 1];
    if (isNegation(token)) {
      if (token.lower === 'not' && next?.lower === 'only') return undefined;
      return token.text;
    }
    if (token.afterComma && isVerb(token)) return undefined;
  }
  return undefined;
}

export interface Qualifier {
  cue: string;
  kind: 'hedged' | 'familiarity' | 'managed';
}

const HEDGES_BEFORE = compileCues([
  'eager to', 'keen to', 'hoping to', 'hope to', 'want to learn', 'wants to learn', 'would like to', 'would love to',
  'looking to', 'interested in', 'interest in', 'plan to', 'planning to', 'aim to', 'aiming to', 'intend to',
  'intending to', 'aspire to', 'aspiring to', 'learning about', 'reading about', 'currently learning',
  'started learning', 'starting to learn', 'teaching myself', 'curious about', 'excited to learn', 'excited about',
  'passionate about', 'fascinated by', 'enthusiastic about', 'seeking to learn', 'wish to', 'open to',
]);
const HEDGES_AFTER = compileCues([
  'coursework only', 'only coursework', 'under review', 'in submission', 'in preparation', 'anonymous', 'in the future',
  'someday', 'next year',
]);
const FAMILIARITY_BEFORE = compileCues([
  'familiar with', 'familiarity with', 'exposure to', 'exposed to', 'working knowledge of', 'basic knowledge of',
  'basic understanding of', 'some knowledge of', 'aware of', 'introductory', 'introduction to', 'beginner', 'novice',
  'coursework', 'course work', 'course', 'class on', 'class in', 'online course', 'coursera', 'udemy', 'mooc',
  'bootcamp', 'nanodegree', 'specialization', 'certificate in', 'tutorial', 'self-study', 'studied', 'dabbled in',
  'played with', 'tinkered with', 'reading group', 'journal club', 'study group', 'book club',
]);
const FAMILIARITY_AFTER = compileCues([
  'beginner', 'basics', 'basic', 'coursework', 'novice', 'familiar', 'exposure', 'limited', 'elementary',
  'introductory',
]);
/** Managing a product or its roadmap, not building it ("Product manager for an AI agents platform"). */
const MANAGED_BEFORE = compileCues([
  'product manager', 'product management', 'product owner', 'product lead', 'program manager', 'programme manager', 'roadmap',
]);
/** Trying something out, as opposed to building with it ("Explored ...", "Trialled a vendor's ..."). */
const EXPLORATORY_VERBS = new Set(['explored', 'exploring', 'explore', 'trialled', 'trialed', 'trialling', 'trialing', 'tried', 'trying', 'piloted', 'experimented', 'evaluated']);
/**
 * Later on the line, the tried thing was not adopted: "...; we never put it in production",
 * "... but did not deploy it", "...; we shipped a rules-based version instead".
 */
const NOT_ADOPTED = /\b(?:never|not|n['’]t)\s+(?:\w+\s+){0,2}(?:deploy|deployed|ship|shipped|put\b.*\bproduction|launch|launched|adopt|adopted|go live|went live|used it|use it|productioni[sz]ed)\b|\binstead\b|\b(?:abandoned|shelved|dropped)\b/i;

/** "Explored function calling ... ; we shipped a rules-based version instead": tried, not used. */
export function findNotAdopted(text: string, tokens: readonly Token[], match: TermMatch): string | undefined {
  const verb = tokens.slice(0, match.first).find((token) => EXPLORATORY_VERBS.has(token.lower));
  if (verb === undefined) return undefined;
  const after = NOT_ADOPTED.exec(text.slice(match.end));
  return after === null ? undefined : `${verb.text} ... ${after[0]}`;
}

const QUALIFIER_REACH = 8;
const QUALIFIER_AFTER_REACH = 4;

/** A hedge ("eager to learn", "under review"), a familiarity claim ("familiar with", "basics") or managing a product. */
export function findQualifier(tokens: readonly Token[], match: TermMatch): Qualifier | undefined {
  const clause = tokens[match.first]?.clause ?? 0;
  const before = (cues: CueSet) => nearest(findCues(tokens, cues, match.first - QUALIFIER_REACH, match.first - 1, clause), match);
  const after = (cues: CueSet) => nearest(findCues(tokens, cues, match.last + 1, match.last + QUALIFIER_AFTER_REACH, clause), match);
  const hedge = before(HEDGES_BEFORE) ?? after(HEDGES_AFTER);
  if (hedge) return { cue: hedge.cue.text, kind: 'hedged' };
  const familiarity = before(FAMILIARITY_BEFORE) ?? after(FAMILIARITY_AFTER);
  if (familiarity) return { cue: familiarity.cue.text, kind: 'familiarity' };
  const managed = before(MANAGED_BEFORE);
  if (managed) return { cue: managed.cue.text, kind: 'managed' };
  return undefined;
}

/** The nearest boost cue ("led", "first author") in the window and clause, not part of the match. */
export function findBoost(tokens: readonly Token[], match: TermMatch, boost: CueSet, window: number): string | undefined {
  const clause = tokens[match.first]?.clause ?? 0;
  const hits = findCues(tokens, boost, match.first - window, match.last + window, clause).filter((hit) => !overlaps(hit, match));
  return nearest(hits, match)?.cue.text;
}

function colonAfterClause(text: string, tokens: readonly Token[], clause: number): boolean {
  const last = tokens.filter((token) => token.clause === clause).pop();
  const next = tokens.find((token) => token.clause === clause + 1);
  return last !== undefined && next !== undefined && /^\s*:\s*$/.test(text.slice(last.end, next.start));
}

/** Lead and ownership verbs that, opening a line, make the whole clause the person's own work. */
const OPENING_LEAD_VERBS = new Set(['led', 'lead', 'leads', 'leading', 'owned', 'own', 'owns', 'headed', 'heads', 'spearheaded', 'architected', 'founded', 'maintainer']);

/**
 * "Lead a group of four students working on cooperative multi-agent RL": a lead verb that opens
 * the line governs everything in its clause, however far the match is from it. Counts only when
 * the profile lists the verb as a boost cue.
 */
export function findOpeningLead(tokens: readonly Token[], match: TermMatch, boost: CueSet, text = ''): string | undefined {
  const first = tokens[0] !== undefined && /^\d+$/.test(tokens[0].lower) ? 1 : 0;
  const verb = tokens[first];
  if (verb === undefined || !OPENING_LEAD_VERBS.has(verb.lower)) return undefined;
  const matchClause = tokens[match.first]?.clause;
  // "Own the bid-shading policy: an actor-critic learner ...": a colon only details what is led.
  const colonJoined = matchClause === verb.clause + 1 && colonAfterClause(text, tokens, verb.clause);
  if (verb.clause !== matchClause && !colonJoined) return undefined;
  if (match.first <= first) return undefined;
  // The profile lists the verb, alone or opening a cue ("own the").
  return findCues(tokens, boost, first, first + 2, verb.clause).some((hit) => hit.first === first) ? verb.text : undefined;
}

const NUMBER_WORDS = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen',
  'twenty', 'several', 'many', 'multiple',
]);
const YEAR_WORDS = new Set(['year', 'years', 'yr', 'yrs', 'decade', 'decades']);
/** Words allowed between "N years" and the match: "six years of production Python". */
const YEARS_FILLER = new Set([
  'of', 'in', 'with', 'on', 'at', 'the', 'a', 'an', 'and', 'experience', 'experienced', 'professional', 'hands',
  'production', 'industry', 'industrial', 'commercial', 'building', 'running', 'shipping', 'leading', 'doing',
  'writing', 'developing', 'using', 'applying', 'working', 'work', 'research', 'researching', 'training', 'engineering',
  'development', 'deploying', 'designing', 'programming', 'coding', 'applied', 'deep', 'large', 'scale',
]);
/** Words allowed between the match and a trailing "(N years)": "Python for 8 years". */
const YEARS_AFTER_FILLER = new Set(['for', 'over', 'nearly', 'about', 'almost', 'than', 'more', 'of']);
const YEARS_BEFORE_REACH = 4;
const YEARS_AFTER_REACH = 2;

function isNumber(token: Token | undefined, unit: Token | undefined): boolean {
  if (token === undefined) return false;
  // "a decade of Python"
  if (token.lower === 'a' && unit?.lower.startsWith('decade') === true) return true;
  return /^\d{1,2}$/.test(token.lower) || NUMBER_WORDS.has(token.lower);
}

/** "Seven years of production Python", "Python (9 yrs)": the stated years, as written. */
export function findYears(tokens: readonly Token[], match: TermMatch): string | undefined {
  const clause = tokens[match.first]?.clause ?? 0;
  for (let at = 0; at + 1 < tokens.length; at += 1) {
    const number = tokens[at];
    const unit = tokens[at + 1];
    // The year word first: a cheap set look-up that rules out nearly every position.
    if (unit === undefined || !YEAR_WORDS.has(unit.lower) || !isNumber(number, unit)) continue;
    if (number?.clause !== clause || unit.clause !== clause) continue;
    const phrase = `${number.text} ${unit.text}`;
    if (at + 1 < match.first) {
      const between = tokens.slice(at + 2, match.first);
      if (between.length <= YEARS_BEFORE_REACH && between.every((token) => YEARS_FILLER.has(token.lower))) return phrase;
    } else if (at > match.last) {
      const between = tokens.slice(match.last + 1, at);
      if (between.length <= YEARS_AFTER_REACH && between.every((token) => YEARS_AFTER_FILLER.has(token.lower))) return phrase;
    }
  }
  // "Python since 2012"
  const since = tokens[match.last + 1];
  const year = tokens[match.last + 2];
  if (since?.lower === 'since' && year !== undefined && year.clause === clause && /^(19|20)\d\d$/.test(year.lower)) {
    return `${since.text} ${year.text}`;
  }
  return undefined;
}
