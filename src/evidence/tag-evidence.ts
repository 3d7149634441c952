/**
 * tagEvidence: the pure core of screening. For each requirement of the profile it finds the
 * résumé lines that support it, quotes them verbatim, and says how much each counts and why.
 * Same input, same output: no clock, no randomness, ordering fixed by page and line.
 */
import type { ExtractedDocument, Line, Section } from '../extract/document.schema';
import type { Profile } from '../profile/profile.schema';
import { levelRank, type Evidence, type EvidenceItem, type Flag, type IgnoredMatch, type Publication, type RequirementEvidence } from './evidence.schema';
import { compileProfile, type CompiledProfile, type CompiledRequirement } from './compile-profile';
import { findOtherSense, mentionsAi } from './context';
import { ambiguousDomain, domainSupport, lineIsAboutMl, lineIsAboutSoftware, type DocumentDomain } from './domain-context';
import { IGNORE_RULES, LEVEL_RULES, assessMatch, otherSenseOf, type Assessment, type LineFacts, type SenseElsewhere } from './levels';
import { isInstructionToMachine, isListLine, listItems, STUFFED_LIST_ITEMS } from './line-shape';
import { findTermMatches, type TermMatch } from './match-terms';
import { candidateNameWords, groupEntries, isCitationLine, type PublicationEntry } from './publications';
import { publicationItems } from './section-entries';
import { tokenize } from './tokenize';

/** Items kept per requirement: the strongest, then the earliest. */
export const MAX_ITEMS_PER_REQUIREMENT = 12;
/** Set-aside matches kept per requirement, in document order. */
export const MAX_IGNORED_PER_REQUIREMENT = 20;
/** More matches of one requirement than this on one line is keyword stuffing. */
export const STUFFED_MATCHES_PER_LINE = 8;
const MAX_FLAG_QUOTES = 20;
const LOOKED_FOR_IN_REASON = 12;

interface AnalysedLine extends LineFacts {
  index: number;
  instruction: boolean;
  /** The line is about AI work: an AI word, or a specific (acronym or multi-word) match. */
  aboutAi: boolean;
  /** Matches per requirement index. */
  matches: Map<number, TermMatch[]>;
  /** Matches that say something about the field (not words of a list-judged requirement such as "paper"). */
  fieldMatches: TermMatch[];
}

function analyseLine(line: Line, index: number, compiled: CompiledProfile): AnalysedLine {
  const tokens = tokenize(line.text);
  const matches = new Map<number, TermMatch[]>();
  for (const match of findTermMatches(compiled.terms, tokens)) {
    const list = matches.get(match.pattern.requirementIndex);
    if (list) list.push(match);
    else matches.set(match.pattern.requirementIndex, [match]);
  }
  // Plain loops over the matches (no spread copies): this runs for every line of every document.
  let repeated = false;
  let specific = false;
  const fieldMatches: TermMatch[] = [];
  for (const [requirementIndex, list] of matches) {
    // Stuffing: one requirement matched at more than STUFFED_MATCHES_PER_LINE places (needs that many matches).
    if (!repeated && list.length > STUFFED_MATCHES_PER_LINE) {
      repeated = new Set(list.map((match) => match.first)).size > STUFFED_MATCHES_PER_LINE;
    }
    const listJudged = compiled.requirements[requirementIndex]?.sectionEvidence.size !== 0;
    for (const match of list) {
      const acronym = match.pattern.kind === 'acronym';
      if (acronym || match.pattern.parts.length > 1) specific = true;
      if (!listJudged || acronym) fieldMatches.push(match);
    }
  }
  const items = listItems(line.text);
  return {
    line,
    index,
    tokens,
    matches,
    fieldMatches,
    instruction: isInstructionToMachine(line.text),
    aboutAi: specific || mentionsAi(tokens),
    isList: isListLine(line.text, tokens, items),
    stuffed: items.length > STUFFED_LIST_ITEMS || repeated,
  };
}

/** Lines whose words may count: visible, not a heading, not addressed to a machine. */
function isEvidenceLine(analysed: AnalysedLine): boolean {
  return !analysed.line.hidden && !analysed.line.heading && !analysed.instruction && analysed.line.text.trim() !== '';
}

function byPosition(a: Line, b: Line): number {
  return a.page - b.page || a.line - b.line;
}

/** Publication-style entries: runs of lines in the given section, plus citations found elsewhere. */
function sectionEntries(analysed: readonly AnalysedLine[], section: Section, nameWords: ReadonlySet<string>): PublicationEntry[] {
  const entries: PublicationEntry[] = [];
  let run: Line[] = [];
  const flush = (): void => {
    if (run.length > 0) entries.push(...groupEntries(run, nameWords));
    run = [];
  };
  for (const item of analysed) {
    if (item.line.section !== section || item.line.heading) flush();
    if (item.line.section === section && isEvidenceLine(item)) run.push(item.line);
  }
  flush();
  if (section === 'publications') {
    analysed.forEach((item, position) => {
      if (item.line.section === section || !isEvidenceLine(item)) return;
      const next = analysed[position + 1];
      const nextLine = next !== undefined && isEvidenceLine(next) ? next.line : undefined;
      if (!isCitationLine(item.line, nextLine)) return;
      const lines = nextLine !== undefined && !/\b(19|20)\d\d\b/.test(item.line.text) ? [item.line, nextLine] : [item.line];
      entries.push(...groupEntries(lines, nameWords).slice(0, 1));
    });
  }
  return entries.sort((a, b) => byPosition(a.lines[0] as Line, b.lines[0] as Line));
}

/** The first soft other-sense use of each requirement's words ("Insurance Agent, ..."). */
function sensesElsewhere(analysed: readonly AnalysedLine[], compiled: CompiledProfile): Map<number, SenseElsewhere> {
  const senses = new Map<number, SenseElsewhere>();
  for (const item of analysed) {
    if (!isEvidenceLine(item)) continue;
    for (const [requirementIndex, matches] of item.matches) {
      const requirement = compiled.requirements[requirementIndex];
      if (requirement === undefined || senses.has(requirementIndex)) continue;
      for (const match of matches) {
        const sense = findOtherSense(item.tokens, match, requirement.exclude, requirement.window);
        if (sense && !sense.hard) {
          senses.set(requirementIndex, { page: item.line.page, line: item.line.line, cue: sense.cue });
          break;
        }
      }
    }
  }
  return senses;
}

interface Judged {
  match: TermMatch;
  assessment: Assessment;
}

/** Where the document talks about ML or software: the backing for ambiguous acronyms and skills lists. */
function documentDomain(analysed: readonly AnalysedLine[]): DocumentDomain {
  const mlSections = new Set<string>();
  let mlLines = 0;
  let software = false;
  for (const item of analysed) {
    if (!isEvidenceLine(item)) continue;
    const unambiguous = item.fieldMatches.some((match) => ambiguousDomain(match.pattern) === undefined);
    if (lineIsAboutMl(item.tokens, unambiguous)) {
      mlSections.add(item.line.section);
      mlLines += 1;
      software = true;
    } else if (!software && lineIsAboutSoftware(item.tokens)) {
      software = true;
    }
  }
  return { mlSections, ml: mlLines >= 2, software };
}

function judgeLine(
  item: AnalysedLine,
  requirement: CompiledRequirement,
  matches: TermMatch[],
  elsewhere: SenseElsewhere | undefined,
  domain: DocumentDomain,
): Judged[] {
  if (item.line.hidden) {
    const { id, reason } = IGNORE_RULES.hiddenText;
    return matches.slice(0, 1).map((match) => ({ match, assessment: { kind: 'ignored', rule: id, reason } }));
  }
  if (item.instruction) {
    const { id, reason } = IGNORE_RULES.instructions;
    return matches.slice(0, 1).map((match) => ({ match, assessment: { kind: 'ignored', rule: id, reason } }));
  }
  return matches.map((match) => {
    const sense = otherSenseOf(item, match, requirement, elsewhere, item.aboutAi);
    if (sense) return { match, assessment: sense.assessment };
    const assessment = assessMatch(item, match, requirement);
    if (assessment.kind === 'ignored') return { match, assessment };
    const facts = { text: item.line.text, tokens: item.tokens, allMatches: item.fieldMatches, section: item.line.section, isList: item.isList };
    if (domainSupport(facts, match, domain) === undefined) {
      const { id, reason } = IGNORE_RULES.noFieldContext;
      const wanted = ambiguousDomain(match.pattern) === 'software' ? 'software' : 'machine learning';
      return { match, assessment: { kind: 'ignored', rule: id, reason: `${reason} Nothing in its clause or section is about ${wanted}.` } };
    }
    return { match, assessment };
  });
}

/** The strongest item on a line (earliest on ties), or the first set-aside match. */
function pickForLine(judged: Judged[]): Judged | undefined {
  let best: Judged | undefined;
  for (const candidate of judged) {
    if (candidate.assessment.kind !== 'item') continue;
    if (best === undefined || (best.assessment.kind === 'item' && levelRank(candidate.assessment.level) > levelRank(best.assessment.level))) {
      best = candidate;
    }
  }
  return best ?? judged[0];
}

function location(line: Line): { page: number; line: number; section: Section } {
  return { page: line.page, line: line.line, section: line.section };
}

function levelReasonFor(requirement: CompiledRequirement, items: EvidenceItem[], ignored: IgnoredMatch[]): string {
  const best = items[0];
  if (best !== undefined) {
    const count = items.length === 1 ? 'one line of evidence' : `${items.length} lines of evidence`;
    return `${best.level}: ${best.reason} Strongest: page ${best.page}, line ${best.line} ("${best.matched}"); ${count}.`;
  }
  const shown = requirement.lookedFor.slice(0, LOOKED_FOR_IN_REASON).join(', ');
  const more = requirement.lookedFor.length > LOOKED_FOR_IN_REASON ? ` and ${requirement.lookedFor.length - LOOKED_FOR_IN_REASON} more` : '';
  const setAside =
    ignored.length === 0 ? '' : ` ${ignored.length} match${ignored.length === 1 ? ' was' : 'es were'} set aside (${[...new Set(ignored.map((entry) => entry.rule))].join(', ')}).`;
  return `Looked for ${shown}${more}; not found.${setAside}`;
}

/** "None", "N/A", "No publications yet": a section that says it is empty. */
const EMPTY_SECTION = /\b(?:no|none|not|n\/a|nil)\b/i;

/**
 * A line under the heading of an evidence section (Publications) that is not an entry and names
 * no term: "Available upon request". The heading itself is the claim; it counts as a mention.
 */
function sectionClaim(requirement: CompiledRequirement, requirementIndex: number, analysed: readonly AnalysedLine[]): EvidenceItem | undefined {
  const claim = analysed.find(
    (item) =>
      requirement.sectionEvidence.has(item.line.section) &&
      isEvidenceLine(item) &&
      !item.matches.has(requirementIndex) &&
      !EMPTY_SECTION.test(item.line.text),
  );
  if (claim === undefined) return undefined;
  const quote = claim.line.text;
  const start = quote.length - quote.trimStart().length;
  const end = quote.trimEnd().length;
  const { id, level, reason } = LEVEL_RULES.sectionClaim;
  return {
    ...location(claim.line),
    quote,
    matched: quote.slice(start, end),
    span: [start, end],
    term: `${claim.line.section} section`,
    rule: id,
    reason,
    level,
  };
}

function compareItems(a: EvidenceItem, b: EvidenceItem): number {
  return levelRank(b.level) - levelRank(a.level) || a.page - b.page || a.line - b.line;
}

function tagRequirement(
  requirement: CompiledRequirement,
  requirementIndex: number,
  analysed: readonly AnalysedLine[],
  entries: PublicationEntry[],
  elsewhere: SenseElsewhere | undefined,
  domain: DocumentDomain,
): RequirementEvidence {
  const entryLines = new Set(entries.flatMap((entry) => entry.lines));
  // Only publication entries look matches up by line; most requirements have none, and this map
  // (one entry per line, per requirement) was built for every requirement of every document.
  const matchesByLine =
    entries.length === 0 ? undefined : new Map(analysed.map((item) => [item.line, item.matches.get(requirementIndex)]));
  const items: EvidenceItem[] = publicationItems(entries, (line) => matchesByLine?.get(line));
  const ignored: IgnoredMatch[] = [];
  for (const item of analysed) {
    if (item.line.heading || entryLines.has(item.line)) continue;
    const matches = item.matches.get(requirementIndex);
    if (matches === undefined) continue;
    const picked = pickForLine(judgeLine(item, requirement, matches, elsewhere, domain));
    if (picked === undefined) continue;
    const { match, assessment } = picked;
    const quote = item.line.text;
    const matched = quote.slice(match.start, match.end);
    // Written out rather than spread (`...location(line)`): the spreads were the hottest line of
    // tagging in CPU profiles. Same keys in the same order, so reports serialise identically.
    const { page, line, section } = item.line;
    const term = match.pattern.term;
    if (assessment.kind === 'item') {
      items.push({ page, line, section, quote, matched, term, rule: assessment.rule, reason: assessment.reason, span: [match.start, match.end], level: assessment.level });
    } else {
      ignored.push({ page, line, section, quote, matched, term, rule: assessment.rule, reason: assessment.reason });
    }
  }
  if (entries.length === 0) {
    const claim = sectionClaim(requirement, requirementIndex, analysed);
    if (claim !== undefined) items.push(claim);
  }
  items.sort(compareItems);
  const kept = items.slice(0, MAX_ITEMS_PER_REQUIREMENT);
  const keptIgnored = ignored.slice(0, MAX_IGNORED_PER_REQUIREMENT);
  return {
    requirementId: requirement.requirement.id,
    level: kept[0]?.level ?? 'none',
    levelReason: levelReasonFor(requirement, kept, keptIgnored),
    items: kept,
    ignored: keptIgnored,
    lookedFor: requirement.lookedFor,
  };
}

function quotesOf(lines: readonly AnalysedLine[]): Flag['quotes'] {
  return lines.slice(0, MAX_FLAG_QUOTES).map(({ line }) => ({ page: line.page, line: line.line, quote: line.text }));
}

function flagsFor(analysed: readonly AnalysedLine[]): Flag[] {
  const flags: Flag[] = [];
  const hidden = analysed.filter((item) => item.line.hidden && item.line.text.trim() !== '');
  if (hidden.length > 0) {
    flags.push({
      code: 'HIDDEN_TEXT',
      message: `${hidden.length} line${hidden.length === 1 ? '' : 's'} of text a reader cannot see (white, tiny or off-page text). Shown here for the reviewer; never counted as evidence.`,
      quotes: quotesOf(hidden),
    });
  }
  const instructions = analysed.filter((item) => item.instruction && item.line.text.trim() !== '');
  if (instructions.length > 0) {
    flags.push({
      code: 'INSTRUCTIONS_TO_MACHINE',
      message: `${instructions.length} line${instructions.length === 1 ? '' : 's'} address an automated screener instead of a reader. Never counted as evidence; worth a look.`,
      quotes: quotesOf(instructions),
    });
  }
  const stuffed = analysed.filter((item) => item.stuffed && !item.line.hidden && !item.instruction);
  if (stuffed.length > 0) {
    flags.push({
      code: 'KEYWORD_STUFFING',
      message: `${stuffed.length} line${stuffed.length === 1 ? '' : 's'} repeat requirement keywords or list more than ${STUFFED_LIST_ITEMS} items. Such lines count as mentions at most.`,
      quotes: quotesOf(stuffed),
    });
  }
  return flags;
}

function toPublication(entry: PublicationEntry): Publication {
  const first = entry.lines[0] as Line;
  const publication: Publication = { page: first.page, line: first.line, quote: first.text };
  if (entry.venue !== undefined) publication.venue = entry.venue;
  if (entry.year !== undefined) publication.year = entry.year;
  return publication;
}

/** Tags a document against a profile: per requirement its evidence, plus flags and publications. */
export function tagEvidence(document: ExtractedDocument, profile: Profile): Evidence {
  const compiled = compileProfile(profile);
  const analysed = document.lines.map((line, index) => analyseLine(line, index, compiled));
  const nameWords = candidateNameWords(document.lines);
  const entriesBySection = new Map<Section, PublicationEntry[]>();
  const entriesOf = (section: Section): PublicationEntry[] => {
    let entries = entriesBySection.get(section);
    if (entries === undefined) {
      entries = sectionEntries(analysed, section, nameWords);
      entriesBySection.set(section, entries);
    }
    return entries;
  };
  const senses = sensesElsewhere(analysed, compiled);
  const domain = documentDomain(analysed);
  const requirements = compiled.requirements.map((requirement, index) => {
    const entries = [...requirement.sectionEvidence].flatMap(entriesOf);
    return tagRequirement(requirement, index, analysed, entries, senses.get(index), domain);
  });
  return {
    requirements,
    flags: flagsFor(analysed),
    publications: entriesOf('publications').map(toPublication),
  };
}
