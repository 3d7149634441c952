import { ResumeEvidenceError } from '../errors';
import {
  DecisionKindSchema,
  MAX_NOTES_CHARS,
  MAX_REASON_CHARS,
  REVIEWER_ID_PATTERN,
  type Decision,
  type ReportVersion,
} from './decision.schema';

/** What a reviewer submitted, as it arrived (form fields are strings or missing). */
export interface DecisionInput {
  reviewerId: string;
  decision: string | undefined;
  reason?: string | undefined;
  notes?: string | undefined;
}

export interface DecisionContext {
  batchId: string;
  resumeId: string;
  reportId: string;
  reportVersion: ReportVersion;
  /** This candidate's decisions so far in this batch, oldest first. */
  history: readonly Decision[];
  /** When the decision is made (ISO), and its id: passed in so the rule stays pure. */
  now: string;
  decisionId: string;
}

function invalid(message: string): ResumeEvidenceError {
  return new ResumeEvidenceError('INVALID_INPUT', message);
}

function optionalText(value: string | undefined, max: number, field: string): string | undefined {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') return undefined;
  if (trimmed.length > max) throw invalid(`${field}: at most ${max} characters; shorten it.`);
  return trimmed;
}

/**
 * Checks a submitted decision and returns the record to append. Rules: a known reviewer id, one of
 * advance / hold / decline, a reason for every decline (so a rejection can always be explained),
 * bounded text. A decision that changes the same reviewer's earlier one points at it
 * (`supersedes`); nothing earlier is modified.
 */
export function makeDecision(input: DecisionInput, context: DecisionContext): Decision {
  if (!REVIEWER_ID_PATTERN.test(input.reviewerId)) throw invalid('reviewerId: log in again; the reviewer id is missing or malformed.');
  const kind = DecisionKindSchema.safeParse(input.decision);
  if (!kind.success) throw invalid('decision: choose advance, hold or decline.');
  const reason = optionalText(input.reason, MAX_REASON_CHARS, 'reason');
  if (kind.data === 'decline' && reason === undefined) {
    throw invalid('reason: a decline needs a reason; write what was missing or why.');
  }
  const notes = optionalText(input.notes, MAX_NOTES_CHARS, 'notes');
  const previous = latestBy(context.history, input.reviewerId);
  return {
    decisionId: context.decisionId,
    batchId: context.batchId,
    resumeId: context.resumeId,
    reportId: context.reportId,
    reviewerId: input.reviewerId,
    decision: kind.data,
    ...(reason === undefined ? {} : { reason }),
    ...(notes === undefined ? {} : { notes }),
    decidedAt: context.now,
    reportVersion: context.reportVersion,
    ...(previous ? { supersedes: previous.decisionId } : {}),
  };
}

/** Append-only: a new history with the decision at the end; the old one is left as it was. */
export function appendDecision(history: readonly Decision[], decision: Decision): Decision[] {
  return [...history, decision];
}

function byTime(a: Decision, b: Decision): number {
  return a.decidedAt.localeCompare(b.decidedAt);
}

/** The reviewer's most recent decision, if any. */
export function latestBy(history: readonly Decision[], reviewerId: string): Decision | undefined {
  return [...history].filter((decision) => decision.reviewerId === reviewerId).sort(byTime).at(-1);
}

/** Each reviewer's most recent decision on one candidate (reviewers in first-decision order). */
export function currentByReviewer(history: readonly Decision[]): Decision[] {
  const latest = new Map<string, Decision>();
  for (const decision of [...history].sort(byTime)) latest.set(decision.reviewerId, decision);
  return [...latest.values()];
}

/** The most recent decision on a candidate by anyone: what "the decision" means in exports and audits. */
export function latestDecision(history: readonly Decision[]): Decision | undefined {
  return [...history].sort(byTime).at(-1);
}
