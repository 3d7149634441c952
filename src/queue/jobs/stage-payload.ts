import { z } from 'zod';
import { REPORT_ID_PATTERN, RESUME_ID_PATTERN } from '../ids';

/**
 * What screen jobs carry: ids only. Job data sits in Redis in clear and shows in
 * dashboards, so never bytes, text or names.
 */
export const STAGE_PAYLOAD_VERSION = 1;
export const StagePayloadSchema = z.object({
  v: z.literal(STAGE_PAYLOAD_VERSION),
  resumeId: z.string().regex(RESUME_ID_PATTERN),
  reportId: z.string().regex(REPORT_ID_PATTERN),
  /** `id@version`: the exact profile the file was submitted against. */
  profileRef: z.string().regex(/^[a-z0-9][a-z0-9-]*@\d+\.\d+\.\d+$/),
});
export type StagePayload = z.infer<typeof StagePayloadSchema>;
