import { z } from 'zod';
import { FormatSchema, LineSchema, WarningSchema } from '../extract/document.schema';
import { FlagSchema, LevelSchema, PublicationSchema, RequirementEvidenceSchema } from '../evidence/evidence.schema';

/**
 * Bump the major version when a field changes meaning or disappears, the minor when one is added.
 * Consumers check `schemaVersion` before reading.
 */
export const REPORT_SCHEMA_VERSION = '1.0.0' as const;

const ProfileRefSchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
});

/** Identifies the file screened without keeping its bytes: the hash makes reports reproducible. */
const SourceSchema = z.object({
  fileName: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(0),
});

export const ReportRequirementSchema = RequirementEvidenceSchema.omit({ requirementId: true }).extend({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  priority: z.enum(['must', 'plus']),
});
export type ReportRequirement = z.infer<typeof ReportRequirementSchema>;

const ReportBaseSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  /** Stable: derived from the file name and its bytes, so a rerun overwrites the same report. */
  candidateId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  source: SourceSchema,
  profile: ProfileRefSchema,
  generator: z.object({ name: z.literal('resume-evidence'), version: z.string() }),
  /**
   * Always true, always shown: this report is evidence for a person to weigh. Nothing here is a
   * recommendation, rank or decision.
   */
  notice: z.string(),
});

export const OkReportSchema = ReportBaseSchema.extend({
  status: z.literal('ok'),
  document: z.object({
    format: FormatSchema,
    pages: z.number().int().min(0),
    characters: z.number().int().min(0),
    lines: z.number().int().min(0),
    warnings: z.array(WarningSchema),
  }),
  requirements: z.array(ReportRequirementSchema),
  /** Per requirement id, its level: a quick index for tables; the same as requirements[].level. */
  levels: z.record(z.string(), LevelSchema),
  flags: z.array(FlagSchema),
  publications: z.array(PublicationSchema),
  /** The extracted text, line by line, so every quote can be checked in place. */
  text: z.array(LineSchema),
});

export const ErrorReportSchema = ReportBaseSchema.extend({
  status: z.literal('error'),
  error: z.object({ code: z.string(), message: z.string() }),
});

export const ReportSchema = z.discriminatedUnion('status', [OkReportSchema, ErrorReportSchema]);
export type Report = z.infer<typeof ReportSchema>;
export type OkReport = z.infer<typeof OkReportSchema>;
export type ErrorReport = z.infer<typeof ErrorReportSchema>;
