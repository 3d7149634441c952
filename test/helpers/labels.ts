import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LevelSchema } from '../../src/evidence/evidence.schema';

/** The label format fixed by the eval issue, plus the demo set's optional `expect` and `error`. */
const LabelSchema = z.object({
  file: z.string(),
  skills: z.record(z.string(), z.object({ present: z.boolean(), strength: LevelSchema })).optional(),
  publication_count: z.number().int().optional(),
  error: z.string().optional(),
  traps: z.array(z.string()).optional(),
  expect: z.record(z.string(), z.object({ quote: z.string(), page: z.number().int().min(1) })).optional(),
});
export type Label = z.infer<typeof LabelSchema>;

export function readLabels(labelsPath: string): { folder: string; documents: Label[] } {
  const parsed = z.object({ documents: z.array(LabelSchema) }).parse(JSON.parse(readFileSync(labelsPath, 'utf8')));
  return { folder: path.dirname(labelsPath), documents: parsed.documents };
}
