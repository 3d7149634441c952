import { z } from 'zod';

/**
 * A human reviewer's decision on one candidate of one batch. The tool never makes one: a decision
 * exists only when a logged-in person submitted it, and it names who, when, and which version of
 * the report they were looking at.
 */
export const DECISION_KINDS = ['advance', 'hold', 'decline'] as const;
export const DecisionKindSchema = z.enum(DECISION_KINDS);
export type DecisionKind = z.infer<typeof DecisionKindSchema>;

/** Reviewer ids are short handles ("alice", "r.smith"), never free text: they go into exports and logs. */
export const REVIEWER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const ReviewerIdSchema = z.string().regex(REVIEWER_ID_PATTERN, 'expected 1–64 letters, digits, ".", "_", "@" or "-"');

/** Which report the reviewer saw: a decision stays tied to the evidence it was made on. */
export const ReportVersionSchema = z.object({
  reportId: z.string(),
  schemaVersion: z.string(),
  profileId: z.string(),
  profileVersion: z.string(),
});
export type ReportVersion = z.infer<typeof ReportVersionSchema>;

export const MAX_REASON_CHARS = 1000;
export const MAX_NOTES_CHARS = 4000;

export const DecisionSchema = z.object({
  decisionId: z.string().min(1),
  batchId: z.string().min(1),
  resumeId: z.string().min(1),
  reportId: z.string().min(1),
  reviewerId: ReviewerIdSchema,
  decision: DecisionKindSchema,
  /** Required for "decline"; optional otherwise. */
  reason: z.string().max(MAX_REASON_CHARS).optional(),
  notes: z.string().max(MAX_NOTES_CHARS).optional(),
  decidedAt: z.string(),
  reportVersion: ReportVersionSchema,
  /** The same reviewer's previous decision on this candidate, when this one changes it. */
  supersedes: z.string().optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;
