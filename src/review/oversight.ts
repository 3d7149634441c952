import { levelRank, type Level } from '../evidence/evidence.schema';
import { currentByReviewer } from './decisions';
import type { Decision, DecisionKind } from './decision.schema';

/**
 * Oversight figures: the human decisions put beside the evidence levels, per reviewer, so that
 * automation bias (following the levels blindly) and inconsistency (ignoring them, or each other)
 * become visible. Descriptive counts only; they judge no one.
 *
 * Each candidate falls in one evidence pattern, from its must-have requirements:
 * - `no-must-evidence`: at least one must-have requirement at `none`;
 * - `strong-must-evidence`: every must-have requirement at `strong`;
 * - `some-must-evidence`: anything in between (and profiles without must-haves);
 * - `unreadable`: the file could not be read (error report).
 */
export const EVIDENCE_PATTERNS = ['no-must-evidence', 'some-must-evidence', 'strong-must-evidence', 'unreadable'] as const;
export type EvidencePattern = (typeof EVIDENCE_PATTERNS)[number];

export interface OversightCandidate {
  reportId: string;
  /** Level per requirement id; empty for an unreadable file. */
  levels: Record<string, Level>;
  readable: boolean;
}

export interface OversightRequirement {
  id: string;
  priority: 'must' | 'plus';
}

type Counts = Record<DecisionKind, number>;

export interface ReviewerFigures {
  reviewerId: string;
  /** Candidates this reviewer has a current decision on. */
  decided: number;
  counts: Counts;
  byPattern: Record<EvidencePattern, Counts>;
  /** Advanced although a must-have requirement has no evidence. */
  advancedWithoutMustEvidence: number;
  /** Declined although every must-have requirement has strong evidence. */
  declinedWithStrongMustEvidence: number;
  /** Candidates on which this reviewer changed their decision at least once. */
  changedDecisions: number;
  /** Current decisions made on another report than the candidate's current one (an older profile version). */
  decidedOnOtherReport: number;
}

export interface Disagreement {
  reportId: string;
  decisions: Array<{ reviewerId: string; decision: DecisionKind }>;
}

export interface OversightFigures {
  candidates: number;
  undecided: number;
  byPattern: Record<EvidencePattern, number>;
  reviewers: ReviewerFigures[];
  /** Candidates whose reviewers' current decisions differ. */
  disagreements: Disagreement[];
}

const zeroCounts = (): Counts => ({ advance: 0, hold: 0, decline: 0 });

export function evidencePattern(candidate: OversightCandidate, requirements: readonly OversightRequirement[]): EvidencePattern {
  if (!candidate.readable) return 'unreadable';
  const musts = requirements.filter((requirement) => requirement.priority === 'must');
  if (musts.length === 0) return 'some-must-evidence';
  const levels = musts.map((requirement) => candidate.levels[requirement.id] ?? 'none');
  if (levels.some((level) => level === 'none')) return 'no-must-evidence';
  if (levels.every((level) => levelRank(level) === levelRank('strong'))) return 'strong-must-evidence';
  return 'some-must-evidence';
}

export function oversightFigures(
  candidates: readonly OversightCandidate[],
  requirements: readonly OversightRequirement[],
  decisions: readonly Decision[],
): OversightFigures {
  const patternOf = new Map(candidates.map((candidate) => [candidate.reportId, evidencePattern(candidate, requirements)]));
  const byPattern = Object.fromEntries(EVIDENCE_PATTERNS.map((pattern) => [pattern, 0])) as Record<EvidencePattern, number>;
  for (const pattern of patternOf.values()) byPattern[pattern] += 1;

  const historyOf = new Map<string, Decision[]>();
  for (const decision of decisions) {
    if (!patternOf.has(decision.reportId)) continue;
    historyOf.set(decision.reportId, [...(historyOf.get(decision.reportId) ?? []), decision]);
  }

  const reviewers = new Map<string, ReviewerFigures>();
  const figuresOf = (reviewerId: string): ReviewerFigures => {
    let figures = reviewers.get(reviewerId);
    if (!figures) {
      figures = {
        reviewerId,
        decided: 0,
        counts: zeroCounts(),
        byPattern: Object.fromEntries(EVIDENCE_PATTERNS.map((pattern) => [pattern, zeroCounts()])) as Record<EvidencePattern, Counts>,
        advancedWithoutMustEvidence: 0,
        declinedWithStrongMustEvidence: 0,
        changedDecisions: 0,
        decidedOnOtherReport: 0,
      };
      reviewers.set(reviewerId, figures);
    }
    return figures;
  };

  const disagreements: Disagreement[] = [];
  let undecided = 0;
  for (const candidate of candidates) {
    const history = historyOf.get(candidate.reportId) ?? [];
    const current = currentByReviewer(history);
    if (current.length === 0) undecided += 1;
    const pattern = patternOf.get(candidate.reportId) ?? 'unreadable';
    for (const decision of current) {
      const figures = figuresOf(decision.reviewerId);
      figures.decided += 1;
      figures.counts[decision.decision] += 1;
      figures.byPattern[pattern][decision.decision] += 1;
      if (decision.decision === 'advance' && pattern === 'no-must-evidence') figures.advancedWithoutMustEvidence += 1;
      if (decision.decision === 'decline' && pattern === 'strong-must-evidence') figures.declinedWithStrongMustEvidence += 1;
      if (history.filter((entry) => entry.reviewerId === decision.reviewerId).length > 1) figures.changedDecisions += 1;
      if (decision.reportVersion.reportId !== candidate.reportId) figures.decidedOnOtherReport += 1;
    }
    if (new Set(current.map((decision) => decision.decision)).size > 1) {
      disagreements.push({ reportId: candidate.reportId, decisions: current.map(({ reviewerId, decision }) => ({ reviewerId, decision })) });
    }
  }
  return {
    candidates: candidates.length,
    undecided,
    byPattern,
    reviewers: [...reviewers.values()].sort((a, b) => a.reviewerId.localeCompare(b.reviewerId)),
    disagreements,
  };
}

/** Share as a percentage with one decimal, or "–" when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

export const OVERSIGHT_CSV_COLUMNS = [
  'reviewerId',
  'pattern',
  'advance',
  'hold',
  'decline',
  'advancedWithoutMustEvidence',
  'declinedWithStrongMustEvidence',
  'changedDecisions',
  'decidedOnOtherReport',
] as const;

/** One row per reviewer and evidence pattern, plus the reviewer's totals (pattern "all"). */
export function oversightRows(figures: OversightFigures): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [];
  for (const reviewer of figures.reviewers) {
    for (const pattern of EVIDENCE_PATTERNS) {
      const counts = reviewer.byPattern[pattern];
      rows.push([reviewer.reviewerId, pattern, counts.advance, counts.hold, counts.decline, '', '', '', '']);
    }
    rows.push([
      reviewer.reviewerId,
      'all',
      reviewer.counts.advance,
      reviewer.counts.hold,
      reviewer.counts.decline,
      reviewer.advancedWithoutMustEvidence,
      reviewer.declinedWithStrongMustEvidence,
      reviewer.changedDecisions,
      reviewer.decidedOnOtherReport,
    ]);
  }
  return rows;
}
