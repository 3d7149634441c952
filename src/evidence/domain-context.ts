/**
 * Positive context for ambiguous words. "Agent", "RL", "PPO", "fine-tuned", "reward model" or
 * "Python" each have common senses outside machine learning and software (an insurance agent,
 * rugby league, a PPO health plan, a fine-tuned process, a total-reward pay model, a snake).
 * Exclusion lists only catch the other senses somebody thought of; an ambiguous word therefore
 * counts only when the words around it say it is about ML (or, for Python, software). The
 * exclusion lists stay as a second line of defence.
 */
import { compileCues, findCues, hasCueInClauses, type CueSet } from './context';
import type { TermMatch, TermPattern } from './match-terms';
import { tokenize, type Token } from './tokenize';

/** What an ambiguous word must be about to count: machine learning, or software (which ML implies). */
export type Domain = 'ml' | 'agents' | 'software' | 'research';

/**
 * Profile terms (lower case, as written in a profile) whose ordinary senses outside ML or
 * software are common. General vocabulary, not tied to one profile: a profile that does not use a
 * term is unaffected. Unambiguous terms (reinforcement learning, RLHF, policy gradient, PyTorch,
 * NeurIPS, arXiv, ...) are not listed and match as before.
 */
const AMBIGUOUS_TERMS: ReadonlyMap<string, Domain> = new Map<string, Domain>([
  // agents
  ...['agent', 'agentic', 'tool use', 'tool-use', 'tool calling', 'tool-calling', 'function calling', 'function-calling', 'task planning', 'planner'].map(
    (term) => [term, 'agents'] as [string, Domain],
  ),
  ...['call ... tools', 'calls ... tools', 'calling ... tools', 'call ... apis', 'calls ... apis', 'calling ... apis'].map((term) => [term, 'agents'] as [string, Domain]),
  // reinforcement learning: short acronyms and words with other senses
  ...['rl', 'ppo', 'mdp', 'reinforce', 'reward function', 'reward shaping', 'policy optimization', 'policy optimisation', 'gymnasium', 'on-policy', 'off-policy'].map(
    (term) => [term, 'ml'] as [string, Domain],
  ),
  // language-model training
  ...[
    'fine-tuning', 'fine-tuned', 'fine-tune', 'finetuning', 'finetuned', 'finetune', 'pretraining', 'pre-training', 'sft', 'dpo',
    'reward model', 'reward modeling', 'reward modelling', 'tokenizer', 'knowledge distillation',
  ].map((term) => [term, 'ml'] as [string, Domain]),
  // publications: only matters outside a publications list (entries count on their own)
  ...['acl', 'proceedings', 'paper', 'publication'].map((term) => [term, 'research'] as [string, Domain]),
  // python: snakes, a comedy troupe, zoo pandas, lab flasks
  ...['python', 'pandas', 'flask'].map((term) => [term, 'software'] as [string, Domain]),
]);

/** The domain an ambiguous term needs, or undefined for a term that always counts. */
export function ambiguousDomain(pattern: TermPattern): Domain | undefined {
  return AMBIGUOUS_TERMS.get(pattern.term.toLowerCase());
}

/** Words that say "machine learning" wherever they stand in a clause. */
const ML_CUES = compileCues([
  'ai', 'ml', 'llm', 'llms', 'gpt', 'nlp', 'neural', 'neural network', 'deep learning', 'machine learning', 'language model',
  'language models', 'foundation model', 'transformer', 'transformers', 'reinforcement learning', 'rlhf', 'rlaif', 'grpo',
  'agentic', 'multi-agent', 'autonomous', 'chatbot', 'chatbots', 'tool calling', 'tool-calling', 'tool use', 'tool-use',
  'function calling', 'pytorch', 'jax', 'tensorflow', 'hugging face', 'huggingface', 'bert', 'llama', 'mistral', 't5',
  'lora', 'qlora', 'peft', 'embeddings', 'embedding', 'gpu', 'gpus', 'tpu', 'tpus', 'inference', 'checkpoint', 'checkpoints',
  'dataset', 'datasets', 'benchmark', 'benchmarks', 'policy gradient', 'q-learning', 'dqn', 'bandit', 'bandits', 'simulator',
  'openai', 'anthropic', 'langchain', 'langgraph', 'autogen', 'prompt', 'prompts', 'prompting', 'retrieval', 'rag',
  'generative', 'genai', 'copilot', 'model training', 'trained model', 'trained models', 'computer vision', 'robot learning',
  'neurips', 'icml', 'iclr', 'emnlp', 'naacl', 'arxiv',
]);

/** Words that say "software" for Python: programming, data and tooling vocabulary. */
const SOFTWARE_CUES = compileCues([
  'code', 'coding', 'coded', 'script', 'scripts', 'scripting', 'program', 'programming', 'programs', 'software', 'library',
  'libraries', 'package', 'packages', 'pip', 'pypi', 'api', 'apis', 'backend', 'service', 'services', 'data', 'pipeline',
  'pipelines', 'etl', 'sql', 'java', 'javascript', 'typescript', 'rust', 'c++', 'bash', 'linux', 'git', 'github', 'django',
  'numpy', 'scipy', 'jupyter', 'notebook', 'notebooks', 'developer', 'developers', 'programmer', 'language', 'languages',
  'framework', 'frameworks', 'tests', 'testing', 'pytest', 'automation', 'automated', 'cli', 'tool', 'tools', 'tooling',
  'repository', 'codebase', 'web', 'server', 'matlab', 'excel', 'spreadsheet', 'spreadsheets', 'database', 'rewrite', 'refactor', 'refactored', 'scala', 'golang', 'kotlin',
]);

/** Words that, besides ML words, put an agents word in its AI sense: the assistant or bot being built. */
const AGENT_CUES = compileCues(['bot', 'bots', 'assistant', 'assistants', 'model', 'models']);

/** Sections where a line is a claim about the person: their ML words elsewhere back an ambiguous word. */
const CLAIM_SECTIONS = new Set(['header', 'summary', 'skills']);

/** Words that say "research publishing" for "paper", "proceedings" or "ACL" outside a publications list. */
const RESEARCH_CUES = compileCues([
  'published', 'publish', 'publishing', 'author', 'authored', 'co-authored', 'coauthored', 'co-author', 'coauthor',
  'first author', 'first-author', 'accepted', 'submitted', 'under review', 'in submission', 'in preparation', 'preprint',
  'preprints', 'workshop', 'workshops', 'conference', 'conferences', 'journal', 'journals', 'venue', 'venues', 'peer-reviewed',
  'arxiv', 'research', 'oral', 'spotlight', 'poster', 'cited', 'citations',
]);

/** Words that, right after an ambiguous ML word, make it a compound of ML ("RL policy", "SFT checkpoint"). */
const COMPOUND_AFTER = new Set(['policy', 'policies', 'agent', 'agents', 'model', 'models', 'checkpoint', 'checkpoints', 'network', 'networks', 'weights', 'encoder', 'decoder', 'classifier']);
/** Words a few tokens after a tuning or training word that name what was tuned ("fine-tuned a 7B model"). */
const TUNED_OBJECTS = new Set(['model', 'models', 'checkpoint', 'checkpoints', 'encoder', 'encoders', 'decoder', 'classifier', 'classifiers', 'llm', 'llms', 'weights', 'embeddings', 'lm', 'lms']);
const TUNED_OBJECT_REACH = 4;
/** A model size: "7B", "1.3B", "350M". */
const MODEL_SIZE = /^\d+(?:\.\d+)?[bm]$/i;

/**
 * The clauses whose words may back a match: its own, and a clause joined to it by a colon
 * ("Lead agent research: tool-use planning, ...", "Agents: LangChain, AutoGen"), which
 * elaborates or labels it. Bullets, bars and sentence ends keep their separation: two-column PDFs
 * put unrelated sidebar text on the same line after a bullet.
 */
export function contextClauses(text: string, tokens: readonly Token[], clause: number): number[] {
  // The whole line between bullets and bars: "Familiar with fine-tuning, though I mostly used hosted models".
  const own = tokens.find((token) => token.clause === clause);
  if (own !== undefined) {
    const { from, to } = segmentAround(text, own.start);
    return [...new Set(tokens.filter((token) => token.start > from && token.start <= to).map((token) => token.clause))];
  }
  const clauses = [clause];
  const lastOf = (wanted: number): Token | undefined => tokens.filter((token) => token.clause === wanted).pop();
  const firstOf = (wanted: number): Token | undefined => tokens.find((token) => token.clause === wanted);
  const joinedByColon = (left: number): boolean => {
    const end = lastOf(left);
    const start = firstOf(left + 1);
    return end !== undefined && start !== undefined && /^\s*:\s*$/.test(text.slice(end.end, start.start));
  };
  if (joinedByColon(clause)) clauses.push(clause + 1);
  if (clause > 0 && joinedByColon(clause - 1)) clauses.push(clause - 1);
  return clauses;
}

/** Bullets and bars: they separate unrelated text on one line. */
const SEGMENT_BREAKS = new Set(['•', '·', '▪', '●', '|']);

/**
 * The stretch of the line between bullets or bars that holds offset `at`: a token starting at
 * offset s is in it when `from < s <= to` (no break between it and `at`). `from` is the last break
 * before `at` (or -1), `to` the first break at or after it (or the line length). One scan out
 * from `at`, instead of counting breaks from the line start for every token.
 */
function segmentAround(text: string, at: number): { from: number; to: number } {
  let from = at - 1;
  while (from >= 0 && !SEGMENT_BREAKS.has(text.charAt(from))) from -= 1;
  let to = at;
  while (to < text.length && !SEGMENT_BREAKS.has(text.charAt(to))) to += 1;
  return { from, to };
}

/** An ML word in the context clauses, other than the match itself. */
function mlCueInClause(tokens: readonly Token[], match: TermMatch, clauses: readonly number[]): boolean {
  const outside = (hit: { first: number; last: number }): boolean => hit.last < match.first || hit.first > match.last;
  if (hasCueInClauses(tokens, ML_CUES, (clause) => clauses.includes(clause), outside)) return true;
  return tokens.some((token, at) => clauses.includes(token.clause) && (at < match.first || at > match.last) && MODEL_SIZE.test(token.lower));
}

/** The match forms an ML compound with the words right after it. */
function mlCompound(tokens: readonly Token[], match: TermMatch, clause: number): boolean {
  const next = tokens[match.last + 1];
  if (match.pattern.kind === 'acronym' && next !== undefined && next.clause === clause && COMPOUND_AFTER.has(next.lower)) return true;
  for (let at = match.last + 1; at <= match.last + TUNED_OBJECT_REACH; at += 1) {
    const token = tokens[at];
    if (token === undefined || token.clause !== clause) break;
    if (TUNED_OBJECTS.has(token.lower)) return true;
  }
  return false;
}

const PARENTHESIS_AFTER = /^\s*\(([^()]{3,80})\)/;
const PARENTHESIS_BEFORE = /([\p{L}\s-]{3,80})\(\s*$/u;

function initials(words: string): string {
  return words
    .split(/[\s-]+/)
    .filter((word) => word !== '' && !['of', 'and', 'for', 'the', 'a', 'an', 'to', 'in', 'on'].includes(word.toLowerCase()))
    .map((word) => word[0]?.toLowerCase() ?? '')
    .join('');
}

/**
 * The written-out form of an acronym next to it, when it spells the acronym: "SFT (secure file
 * transfer)", "reinforcement learning (RL)". Undefined when there is none.
 */
export function acronymExpansion(text: string, match: TermMatch): string | undefined {
  if (match.pattern.kind !== 'acronym') return undefined;
  const acronym = text.slice(match.start, match.end).replace(/s$/, '').toLowerCase();
  const after = PARENTHESIS_AFTER.exec(text.slice(match.end));
  if (after?.[1] !== undefined && initials(after[1]).startsWith(acronym)) return after[1].trim();
  const textBefore = text.slice(0, match.start);
  // PARENTHESIS_BEFORE needs "(" right before the match; testing that first skips a slow backwards regex.
  const before = textBefore.trimEnd().endsWith('(') ? PARENTHESIS_BEFORE.exec(textBefore) : null;
  if (before?.[1] !== undefined) {
    const words = before[1].trim().split(/\s+/);
    for (let count = 1; count <= Math.min(words.length, acronym.length + 2); count += 1) {
      const candidate = words.slice(-count).join(' ');
      if (initials(candidate) === acronym) return candidate;
    }
  }
  return undefined;
}

/** True when the written-out form of an acronym is about ML ("reinforcement learning"). */
export function expansionIsMl(expansion: string): boolean {
  const tokens = tokenize(expansion);
  return findCues(tokens, ML_CUES, 0, tokens.length - 1, tokens[0]?.clause ?? 0).length > 0 || /\b(?:learning|model|optimi[sz]ation|fine-tuning|policy)\b/i.test(expansion);
}

const POLICY_WORDS = new Set(['policy', 'policies']);
const REWARD_WORDS = new Set(['reward', 'rewards', 'simulator', 'simulation', 'simulated', 'environment', 'environments']);

/** A policy and a reward (or simulator) in the same context: the vocabulary of RL training. */
function rlPair(tokens: readonly Token[], clauses: readonly number[]): boolean {
  const near = tokens.filter((token) => clauses.includes(token.clause));
  return near.some((token) => POLICY_WORDS.has(token.lower)) && near.some((token) => REWARD_WORDS.has(token.lower));
}

/** Facts about the whole document that back up an ambiguous acronym or a listed skill. */
export interface DocumentDomain {
  /** Sections with at least one line about ML. */
  mlSections: ReadonlySet<string>;
  /** The document has ML lines in at least two places. */
  ml: boolean;
  /** The document talks about software or ML anywhere. */
  software: boolean;
}

/** True when a line says something about ML (an ML word or an unambiguous ML term). */
export function lineIsAboutMl(tokens: readonly Token[], unambiguousMatch: boolean): boolean {
  return unambiguousMatch || hasCueInClauses(tokens, ML_CUES);
}

/** True when a line says something about software. */
export function lineIsAboutSoftware(tokens: readonly Token[]): boolean {
  return hasCueInClauses(tokens, SOFTWARE_CUES);
}

export interface ClauseFacts {
  text: string;
  tokens: readonly Token[];
  /** Every match on the line, all requirements, to see what else the clause names. */
  allMatches: readonly TermMatch[];
  section: string;
  /** The line is a list of names (skills), where clause context is thin by nature. */
  isList: boolean;
}

/**
 * Why an ambiguous match counts (the context word), or undefined when nothing around it says it
 * is about ML (or software). Unambiguous matches always count and return their own term.
 */
export function domainSupport(facts: ClauseFacts, match: TermMatch, document: DocumentDomain): string | undefined {
  const domain = ambiguousDomain(match.pattern);
  if (domain === undefined) return match.pattern.term;
  const { tokens } = facts;
  const clause = tokens[match.first]?.clause ?? 0;
  const clauses = contextClauses(facts.text, tokens, clause);
  const outside = (hit: { first: number; last: number }): boolean => hit.last < match.first || hit.first > match.last;
  const cueNear = (cues: CueSet): boolean => hasCueInClauses(tokens, cues, (near) => clauses.includes(near), outside);
  if (domain === 'research') return cueNear(RESEARCH_CUES) ? 'a publishing word on the line' : undefined;
  if (mlCueInClause(tokens, match, clauses)) return 'an ML word in the same clause';
  if (domain === 'agents' && cueNear(AGENT_CUES)) return 'an assistant or bot on the line';
  if (domain !== 'software' && mlCompound(tokens, match, clause)) return 'an ML compound';
  if (domain !== 'software' && rlPair(tokens, clauses)) return 'a policy trained against a reward';
  // "PPO agents", "RL policy": right next to another ML word of the profile.
  const adjacent = facts.allMatches.some((other) => other.last === match.first - 1 && ambiguousDomain(other.pattern) !== 'software' && ambiguousDomain(other.pattern) !== 'research');
  if (domain !== 'software' && adjacent) return 'an ML compound';
  const others = facts.allMatches.filter(
    (other) => clauses.includes(tokens[other.first]?.clause ?? -1) && (other.last < match.first || other.first > match.last) && other.pattern.term !== match.pattern.term,
  );
  // Another profile term in the clause: an unambiguous one settles it ("PPO for RLHF"); two
  // different ambiguous words of the same requirement back each other ("function calling, agents").
  if (others.some((other) => ambiguousDomain(other.pattern) === undefined)) return 'an ML term in the same clause';
  if (others.some((other) => other.pattern.requirementIndex === match.pattern.requirementIndex && ambiguousDomain(other.pattern) === domain)) {
    return 'a related term in the same clause';
  }
  if (domain === 'software') {
    if (cueNear(SOFTWARE_CUES)) return 'a software word on the line';
    if (facts.isList || facts.section === 'skills') return document.software ? 'a skills list of a document about software' : undefined;
    return document.software ? 'a document about software' : undefined;
  }
  // Acronyms (and names in a skills list) lean on their section or the document: "Methods: SFT,
  // DPO, PPO" under Skills of an ML engineer's résumé.
  const acronym = match.pattern.kind === 'acronym';
  if (acronym || facts.isList || CLAIM_SECTIONS.has(facts.section)) {
    if (document.mlSections.has(facts.section)) return 'an ML section of the document';
    if (acronym && document.ml) return 'a document about ML';
  }
  return undefined;
}
