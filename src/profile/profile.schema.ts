import { z } from 'zod';
import { SectionSchema } from '../extract/document.schema';

const phraseList = z.array(z.string().trim().min(1, 'expected a non-empty term'));

/** What counts as evidence of a requirement, matched against the résumé's words. */
export const EvidenceTermsSchema = z.object({
  /** Words or short expressions, matched case-insensitively after stemming ("trained" ~ "training"). */
  terms: phraseList.min(1, 'expected at least one term'),
  /** Other words for the same thing, matched like terms. */
  synonyms: phraseList.default([]),
  /** Abbreviations matched case-sensitively as whole words ("RL", "PPO"). */
  acronyms: phraseList.default([]),
  /** Multi-word expressions matched as a sequence of stemmed words ("policy gradient"). */
  phrases: phraseList.default([]),
});

/** Context near a match that changes what it means. */
export const TermContextSchema = z.object({
  /** Nearby words or phrases that mean another sense: the match does not count ("insurance" near "agent"). */
  exclude: phraseList.default([]),
  /** Nearby words or phrases that make it count for more ("led", "first author"). */
  boost: phraseList.default([]),
  /** How many words either side of a match count as "nearby". */
  window: z.number().int().min(1).max(50).default(6),
});

export const RequirementSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a lower-case id such as "rl" or "lm_training"'),
  label: z.string().trim().min(1),
  description: z.string().trim().min(1),
  /** `must`: the role needs it; `plus`: nice to have. Reports show it; nothing is decided from it. */
  priority: z.enum(['must', 'plus']),
  evidence: EvidenceTermsSchema,
  context: TermContextSchema.default({ exclude: [], boost: [], window: 6 }),
  /** Sections whose entries are themselves evidence (a publications list is evidence of publishing). */
  sectionEvidence: z.array(SectionSchema).default([]),
});

export const ProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id with dashes'),
    title: z.string().trim().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a version such as "1.0.0"'),
    description: z.string().default(''),
    requirements: z.array(RequirementSchema).min(1, 'expected at least one requirement'),
  })
  .superRefine((profile, ctx) => {
    const seen = new Set<string>();
    profile.requirements.forEach((requirement, index) => {
      if (seen.has(requirement.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['requirements', index, 'id'],
          message: `duplicate requirement id "${requirement.id}"`,
        });
      }
      seen.add(requirement.id);
    });
  });

export type Profile = z.infer<typeof ProfileSchema>;
export type Requirement = z.infer<typeof RequirementSchema>;
/** What a profile file may contain before defaults are applied. */
export type ProfileInput = z.input<typeof ProfileSchema>;
