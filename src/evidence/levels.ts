/**
 * The level rules. Each has a stable id (reports and tests refer to it) and a sentence the
 * reviewer reads. A match gets a base level from where it stands, may be capped by what
 * qualifies it, and may be raised by what shows the work was central.
 */
import type { Line } from '../extract/document.schema';
import type { Level } from './evidence.schema';
import type { Token } from './tokenize';
import type { TermMatch } from './match-terms';
import type { CompiledRequirement } from './compile-profile';
import { compileCues, findCues, findNotAdopted } from './context';
import { findBoost, findMeasurement, findOpeningLead, findNegation, findOtherSense, findQualifier, findReportedTopic, findYears } from './context';
import { acronymExpansion, expansionIsMl } from './domain-context';
import { describesResearch, isVerbLike, startsWithAction } from './line-shape';

export interface Rule {
  id: string;
  level: Level;
  reason: string;
}

/** Rules that set an evidence item's level. */
export const LEVEL_RULES = {
  skillsList: { id: 'skills-list', level: 'mentioned', reason: 'Named in a skills section or a comma-separated list, without a described use.' },
  summaryClaim: { id: 'summary-claim', level: 'mentioned', reason: 'Claimed in the header or summary, without a described piece of work.' },
  listedElsewhere: { id: 'listed-elsewhere', level: 'mentioned', reason: 'Named outside the experience and project sections, without a described use.' },
  educationMention: { id: 'education-mention', level: 'mentioned', reason: 'Named under education (a degree or course), without described work.' },
  appliedInRole: { id: 'applied-in-role', level: 'used', reason: 'Described in a role or project (experience or projects section).' },
  describedWork: { id: 'described-work', level: 'used', reason: 'A line that opens with an action (built, trained, wrote, ...) describes using it.' },
  educationWork: { id: 'education-work', level: 'used', reason: 'Part of a thesis, research or project described under education.' },
  publishedWork: { id: 'published-work', level: 'used', reason: 'The subject of an entry in the publications list.' },
  hedged: { id: 'hedged', level: 'mentioned', reason: 'Qualified as an interest, a plan or work not yet done or published; counts as a mention only.' },
  familiarity: { id: 'familiarity', level: 'mentioned', reason: 'Qualified as familiarity, basics or coursework; counts as a mention only.' },
  managedProduct: {
    id: 'managed-product',
    level: 'mentioned',
    reason: 'Managed as a product or roadmap, without a described part in building it; counts as a mention only.',
  },
  keywordStuffing: { id: 'keyword-stuffing', level: 'mentioned', reason: 'On a line packed with keywords; counts as a mention only.' },
  outsideList: {
    id: 'outside-list',
    level: 'mentioned',
    reason: 'Not an entry of the list that is the evidence (for publications: the publications list); counts as a mention only.',
  },
  sectionClaim: {
    id: 'section-claim',
    level: 'mentioned',
    reason: 'Written under the heading of the section that is the evidence (for publications: the publications list), but not a list entry ("Available upon request"); counts as a claim only.',
  },
  centralToWork: { id: 'central-to-work', level: 'strong', reason: 'Described work with a lead or ownership word next to it (led, first author, shipped, owner, ...).' },
  yearsOfUse: { id: 'years-of-use', level: 'strong', reason: 'A number of years of it is stated next to it.' },
  publicationEntry: { id: 'publication-entry', level: 'used', reason: 'An entry of the publications list.' },
} as const satisfies Record<string, Rule>;

/** Ownership roles that show central work wherever they are written. */
const MAINTAINER_CUES = compileCues(['maintainer of', 'author and maintainer', 'creator and maintainer', 'core maintainer']);

/** Rules that set a match aside. */
export const IGNORE_RULES = {
  hiddenText: { id: 'hidden-text', reason: 'On a line a reader cannot see (hidden text); never evidence.' },
  instructions: { id: 'instructions-to-machine', reason: 'On a line addressed to an automated screener; never evidence.' },
  otherSense: { id: 'other-sense', reason: 'The word is used in another sense here.' },
  negated: { id: 'negated', reason: 'Negated in the same clause.' },
  noFieldContext: {
    id: 'no-field-context',
    reason: 'A word with common senses outside the field (agent, RL, fine-tuned, Python, ...) counts only when the words around it are about the field.',
  },
} as const;

export type Assessment =
  | { kind: 'item'; level: Level; rule: string; reason: string }
  | { kind: 'ignored'; rule: string; reason: string };

/** Facts about a line that every match on it shares. */
export interface LineFacts {
  line: Line;
  tokens: Token[];
  isList: boolean;
  stuffed: boolean;
}

/** A soft other-sense use elsewhere in the document ("Insurance Agent, ..."), per requirement. */
export interface SenseElsewhere {
  page: number;
  line: number;
  cue: string;
}

function item(rule: Rule, detail?: string): Assessment {
  return { kind: 'item', level: rule.level, rule: rule.id, reason: detail === undefined ? rule.reason : `${rule.reason} ${detail}` };
}

function ignored(rule: { id: string; reason: string }, detail: string): Assessment {
  return { kind: 'ignored', rule: rule.id, reason: `${rule.reason} ${detail}` };
}

function baseRule(facts: LineFacts): Rule {
  const { line, tokens, isList } = facts;
  if (line.section === 'skills' || isList) return LEVEL_RULES.skillsList;
  switch (line.section) {
    case 'experience':
    case 'projects':
      return LEVEL_RULES.appliedInRole;
    case 'publications':
      return LEVEL_RULES.publishedWork;
    case 'education':
      return describesResearch(tokens) ? LEVEL_RULES.educationWork : LEVEL_RULES.educationMention;
    case 'header':
    case 'summary':
      return startsWithAction(tokens) ? LEVEL_RULES.describedWork : LEVEL_RULES.summaryClaim;
    default:
      return startsWithAction(tokens) ? LEVEL_RULES.describedWork : LEVEL_RULES.listedElsewhere;
  }
}

/** Only the senses of single ordinary words carry over to other lines, never acronyms or phrases. */
function isSingleWord(match: TermMatch): boolean {
  return match.pattern.kind !== 'acronym' && match.pattern.parts.length === 1;
}

/** The other sense of a match, if any, from its own clause or carried from elsewhere in the document. */
export function otherSenseOf(
  facts: LineFacts,
  match: TermMatch,
  requirement: CompiledRequirement,
  elsewhere: SenseElsewhere | undefined,
  lineIsAboutAi: boolean,
): { assessment: Assessment; soft: boolean } | undefined {
  const { tokens } = facts;
  const matched = facts.line.text.slice(match.start, match.end);
  const sense = findOtherSense(tokens, match, requirement.exclude, requirement.window);
  if (sense) {
    return {
      assessment: ignored(IGNORE_RULES.otherSense, `"${sense.cue}" ${sense.hard ? 'names' : 'next to it points to'} another sense of "${matched}".`),
      soft: !sense.hard,
    };
  }
  const expansion = acronymExpansion(facts.line.text, match);
  if (expansion !== undefined && !expansionIsMl(expansion)) {
    return {
      assessment: ignored(IGNORE_RULES.otherSense, `"${matched}" is written out here as "${expansion}", another sense.`),
      soft: false,
    };
  }
  const measurement = findMeasurement(facts.line.text, match);
  if (measurement) {
    return {
      assessment: ignored(IGNORE_RULES.otherSense, `"${matched} ${measurement}" is a labelled measurement (such as a surveyed level), not the method.`),
      soft: false,
    };
  }
  const reporter = findReportedTopic(tokens, match);
  if (reporter) {
    return { assessment: ignored(IGNORE_RULES.otherSense, `"${reporter}": the line writes or reports about it rather than doing it.`), soft: false };
  }
  if (elsewhere && isSingleWord(match) && !lineIsAboutAi) {
    return {
      assessment: ignored(
        IGNORE_RULES.otherSense,
        `This résumé uses "${match.pattern.term}" in another sense ("${elsewhere.cue}", page ${elsewhere.page}, line ${elsewhere.line}) and nothing here points to AI work.`,
      ),
      soft: false,
    };
  }
  return undefined;
}

/** The level of one match (that is not another sense of the word), or why it is set aside. */
export function assessMatch(facts: LineFacts, match: TermMatch, requirement: CompiledRequirement): Assessment {
  const { tokens } = facts;
  const negation = findNegation(tokens, match, isVerbLike);
  if (negation) return ignored(IGNORE_RULES.negated, `("${negation}")`);

  const base = baseRule(facts);
  const notAdopted = findNotAdopted(facts.line.text, tokens, match);
  if (notAdopted) return item(LEVEL_RULES.hedged, `("${notAdopted}")`);
  const qualifier = findQualifier(tokens, match);
  if (qualifier) {
    const rule = { hedged: LEVEL_RULES.hedged, familiarity: LEVEL_RULES.familiarity, managed: LEVEL_RULES.managedProduct }[qualifier.kind];
    return item(rule, `("${qualifier.cue}")`);
  }
  if (facts.stuffed) return item(LEVEL_RULES.keywordStuffing);
  // For a requirement judged from a section's entries (publications), the entries are the
  // evidence; a mention anywhere else, or a line of the section that is not an entry, is a claim.
  if (requirement.sectionEvidence.size > 0) return item(LEVEL_RULES.outsideList);

  const years = findYears(tokens, match);
  if (years) return item(LEVEL_RULES.yearsOfUse, `("${years}")`);
  if (base.level === 'used') {
    const boost = findBoost(tokens, match, requirement.boost, requirement.window) ?? findOpeningLead(tokens, match, requirement.boost, facts.line.text);
    if (boost) return item(LEVEL_RULES.centralToWork, `("${boost}")`);
  }
  // "Author and maintainer of a package on PyPI" in a summary: maintaining it is owning the work.
  if (base.level === 'mentioned' && !facts.isList) {
    const role = findCues(tokens, MAINTAINER_CUES, match.first - requirement.window, match.last + requirement.window, tokens[match.first]?.clause ?? 0)[0];
    if (role) return item(LEVEL_RULES.centralToWork, `("${role.cue.text}")`);
  }
  return item(base);
}
