import { z } from 'zod';
import { DecisionKindSchema } from './decision.schema';

/**
 * One line of the append-only audit log of a batch. Ids only, no résumé text and no free-text
 * notes: the log outlives an erased candidate's decisions, and must not keep their content.
 */
export const AUDIT_ACTIONS = ['blind-review-on', 'decision', 'reveal', 'erasure'] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  at: z.string(),
  action: AuditActionSchema,
  /** A reviewer id, or "api" / "system" for actions that did not come from a logged-in reviewer. */
  actor: z.string(),
  batchId: z.string(),
  resumeId: z.string().optional(),
  reportId: z.string().optional(),
  decision: DecisionKindSchema.optional(),
  decisionId: z.string().optional(),
  /** Short machine-made detail ("blind=true", "report version report-…@1.0.0"), never résumé text. */
  detail: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
