import { z } from 'zod';
import { SectionSchema } from '../extract/document.schema';

/** Ordered: none < mentioned < used < strong. There is no score and no decision. */
export const LEVELS = ['none', 'mentioned', 'used', 'strong'] as const;
export const LevelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof LevelSchema>;

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** Where a quote sits in the extracted text. */
const LocationSchema = z.object({
  page: z.number().int().min(1),
  line: z.number().int().min(1),
  section: SectionSchema,
});

/**
 * One piece of evidence: a verbatim quote of one extracted line, where it is, what matched and
 * which rule decided how much it counts.
 */
export const EvidenceItemSchema = LocationSchema.extend({
  /** Verbatim substring of the extracted text (the whole line it was found on). */
  quote: z.string().min(1),
  /** The words of the quote that matched, as written in the résumé. */
  matched: z.string().min(1),
  /** Start and end (exclusive) of `matched` inside `quote`, for highlighting. */
  span: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  /** The profile term, synonym, acronym or phrase that matched. */
  term: z.string().min(1),
  /** Stable id of the rule that set this item's level, e.g. "skills-list", "applied-in-role". */
  rule: z.string().min(1),
  /** The rule in words, for the reviewer. */
  reason: z.string().min(1),
  level: LevelSchema,
});
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;

/** A match that was looked at and set aside, shown so a reviewer can overrule the tool. */
export const IgnoredMatchSchema = LocationSchema.extend({
  quote: z.string().min(1),
  matched: z.string().min(1),
  term: z.string().min(1),
  rule: z.string().min(1),
  reason: z.string().min(1),
});
export type IgnoredMatch = z.infer<typeof IgnoredMatchSchema>;

export const RequirementEvidenceSchema = z.object({
  requirementId: z.string(),
  level: LevelSchema,
  /** Why the level is what it is, in one sentence. */
  levelReason: z.string(),
  items: z.array(EvidenceItemSchema),
  ignored: z.array(IgnoredMatchSchema),
  /** Everything that was searched for (terms, synonyms, acronyms, phrases). */
  lookedFor: z.array(z.string()),
});
export type RequirementEvidence = z.infer<typeof RequirementEvidenceSchema>;

/** Something the reviewer should know about the document as a whole. */
export const FlagSchema = z.object({
  code: z.string(),
  message: z.string(),
  quotes: z
    .array(z.object({ page: z.number().int().min(1), line: z.number().int().min(1), quote: z.string() }))
    .default([]),
});
export type Flag = z.infer<typeof FlagSchema>;

/** One entry of a publication list, as parsed for the reviewer. */
export const PublicationSchema = z.object({
  page: z.number().int().min(1),
  line: z.number().int().min(1),
  /** Verbatim first line of the entry. */
  quote: z.string().min(1),
  venue: z.string().optional(),
  year: z.number().int().optional(),
});
export type Publication = z.infer<typeof PublicationSchema>;

export const EvidenceSchema = z.object({
  requirements: z.array(RequirementEvidenceSchema),
  flags: z.array(FlagSchema),
  /** Publication entries found (in a publications section or as citations elsewhere). */
  publications: z.array(PublicationSchema),
});
export type Evidence = z.infer<typeof EvidenceSchema>;
