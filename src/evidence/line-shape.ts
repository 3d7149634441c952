/** What a line looks like, independent of any requirement: a list, a described piece of work, a message to a machine. */
import type { Token } from './tokenize';

/** Verbs that open a line describing work done (matched as written, in lower case). */
const ACTION_VERBS = new Set([
  'built', 'build', 'builds', 'trained', 'train', 'trains', 'implemented', 'implement', 'developed', 'develop',
  'develops', 'designed', 'design', 'designs', 'ran', 'run', 'runs', 'deployed', 'deploy', 'evaluated', 'evaluate',
  'fine', 'finetuned', 'led', 'lead', 'leads', 'created', 'create', 'wrote', 'write', 'authored', 'optimized',
  'optimised', 'optimize', 'optimise', 'improved', 'improve', 'researched', 'shipped', 'ship', 'ships', 'scaled',
  'benchmarked', 'investigated', 'prototyped', 'integrated', 'maintained', 'maintain', 'maintains', 'contributed',
  'published', 'architected', 'automated', 'automate', 'analyzed', 'analysed', 'analyze', 'analyse', 'reduced',
  'increased', 'engineered', 'launched', 'conducted', 'applied', 'used', 'use', 'uses', 'utilized', 'utilised',
  'leveraged', 'migrated', 'modeled', 'modelled', 'simulated', 'tested', 'test', 'debugged', 'profiled', 'refactored',
  'added', 'introduced', 'owned', 'own', 'managed', 'mentored', 'taught', 'teach', 'graded', 'supervised',
  'collaborated', 'delivered', 'parallelized', 'parallelised', 'distilled', 'pretrained', 'curated', 'annotated',
  'defined', 'established', 'spearheaded', 'headed', 'directed', 'organized', 'organised', 'tuned', 'worked', 'work',
  'handled', 'cleaned', 'forecast', 'rolled', 'assessed', 'prepared', 'programmed', 'coded', 'scripted', 'extended',
  'co', 'rebuilt', 'rewrote', 'ported', 'released', 'open', 'set', 'invented', 'pioneered', 'founded',
]);

export function isActionVerb(token: Token | undefined): boolean {
  return token !== undefined && ACTION_VERBS.has(token.lower);
}

/** A verb-like token: used to end a negation's reach at a new verb phrase after a comma. */
export function isVerbLike(token: Token): boolean {
  return ACTION_VERBS.has(token.lower) || /(?:ing|ed)$/.test(token.lower);
}

/** True when the line (after any bullet or number) opens with an action verb. */
export function startsWithAction(tokens: readonly Token[]): boolean {
  const first = tokens[0];
  if (first !== undefined && /^\d+$/.test(first.lower)) return isActionVerb(tokens[1]);
  return isActionVerb(first);
}

const RESEARCH_CUES = new Set(['thesis', 'dissertation', 'research', 'researched', 'project', 'projects', 'capstone', 'lab']);

/** An education line describing research or a project rather than a degree or coursework. */
export function describesResearch(tokens: readonly Token[]): boolean {
  return tokens.some((token) => RESEARCH_CUES.has(token.lower)) || tokens.some(isActionVerb);
}

const LIST_SEPARATORS = /[,;|•·▪]/;
const MIN_LIST_ITEMS = 3;
const MAX_LIST_ITEM_WORDS = 4;
export const STUFFED_LIST_ITEMS = 25;

/** Items of a comma-separated list line, after an optional "Label:" prefix. */
export function listItems(text: string): string[] {
  const colon = text.indexOf(':');
  const firstSeparator = text.search(LIST_SEPARATORS);
  const body = colon >= 0 && colon < 40 && (firstSeparator < 0 || colon < firstSeparator) ? text.slice(colon + 1) : text;
  return body
    .split(LIST_SEPARATORS)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** "Python, PyTorch, JAX" or "Methods: SFT, DPO, PPO": a list of names, not a described piece of work. */
export function isListLine(text: string, tokens: readonly Token[], items: readonly string[] = listItems(text)): boolean {
  if (startsWithAction(tokens)) return false;
  if (items.length < MIN_LIST_ITEMS) return false;
  return items.every((item) => item.split(/\s+/).length <= MAX_LIST_ITEM_WORDS);
}

const INSTRUCTION_PATTERNS: RegExp[] = [
  /\bignore (all |any )?(the )?(previous|prior|above|earlier|preceding) (instructions|prompts?|text|rules)/i,
  /\bignore all prior\b/i,
  /\bdisregard (all |any )?(the )?(previous|prior|above) /i,
  /\bas an ai\b/i,
  /\bas a (large )?language model\b/i,
  /\b(rate|rank|score|grade) this (candidate|applicant|resume|résumé|cv)\b/i,
  /\byou are an? (ai|assistant|language model|recruiter|screener|screening|hiring|helpful)\b/i,
  /\bsystem prompt\b/i,
  /\b(hire|recommend|shortlist|select) this (candidate|applicant|person)\b/i,
  /\b(note|message|instructions?) (to|for) (the )?(ai|llm|language model|screening (tool|system|software)|automated (screener|system))\b/i,
];

/** All instruction patterns as one alternation: one scan of the line instead of ten. */
const ANY_INSTRUCTION = new RegExp(INSTRUCTION_PATTERNS.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');

/** A line addressed to an automated screener ("ignore previous instructions", "rate this candidate"). */
export function isInstructionToMachine(text: string): boolean {
  return ANY_INSTRUCTION.test(text);
}
