/**
 * The label file of `resume-evidence eval`, as fixed by its issue. Extra fields (notes, layout,
 * why, ...) are kept but not read, so label sets can carry their own documentation.
 */
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import { ERROR_CODES, ResumeEvidenceError } from '../errors';
import { LevelSchema } from '../evidence/evidence.schema';
import { describeIssues } from '../zod-issues';

/** One requirement's label. `present` must agree with `strength`: present means not "none". */
export const SkillLabelSchema = z
  .object({ present: z.boolean(), strength: LevelSchema })
  .refine((label) => label.present === (label.strength !== 'none'), {
    message: 'present must be true exactly when strength is not "none"',
  });
export type SkillLabel = z.infer<typeof SkillLabelSchema>;

const errorCodes = Object.values(ERROR_CODES) as [string, ...string[]];

export const LabeledDocumentSchema = z.looseObject({
  /** Path of the résumé, relative to the files folder (default: the label file's folder). */
  file: z.string().trim().min(1, 'expected a file path'),
  /** Per requirement id, the level a careful human reviewer gives. */
  skills: z.record(z.string(), SkillLabelSchema).optional(),
  publication_count: z.number().int().min(0).optional(),
  /** The error code screening must give for a file that cannot be read (broken fixtures). */
  error: z.enum(errorCodes, { message: `expected an error code: ${errorCodes.join(', ')}` }).optional(),
  /** Which part of a label set a document belongs to, e.g. "tune" or "heldout". */
  split: z.string().trim().min(1).optional(),
  /** Look-alike phrases the document contains on purpose (read by tests, not by eval). */
  traps: z.array(z.string()).optional(),
  /** Per requirement id, a quote the evidence must contain (read by tests, not by eval). */
  expect: z.record(z.string(), z.object({ quote: z.string(), page: z.number().int().min(1) })).optional(),
});
export type LabeledDocument = z.infer<typeof LabeledDocumentSchema>;

export const LabelFileSchema = z
  .looseObject({ documents: z.array(LabeledDocumentSchema).min(1, 'expected at least one document') })
  .superRefine((labels, ctx) => {
    const seen = new Set<string>();
    labels.documents.forEach((document, index) => {
      if (seen.has(document.file)) {
        ctx.addIssue({ code: 'custom', path: ['documents', index, 'file'], message: `"${document.file}" is labelled twice` });
      }
      seen.add(document.file);
      if (document.error !== undefined && document.skills !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['documents', index],
          message: 'a document with an expected error cannot also have skills labels',
        });
      }
    });
  });
export type LabelFile = z.infer<typeof LabelFileSchema>;

/**
 * Validates a parsed label file. Every problem is reported at once, each naming the field
 * ("labels.json: documents[3].skills.rl.strength: ...").
 */
export function parseLabelFile(raw: unknown, source: string): LabelFile {
  const result = LabelFileSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = describeIssues(result.error.issues, '(label file)').map((problem) => `${source}: ${problem}`);
  throw new ResumeEvidenceError(ERROR_CODES.INVALID_INPUT, `${problems.join('; ')}. Fix the label file and try again.`);
}

/** Reads and validates a label file (JSON). */
export async function loadLabelFile(path: string): Promise<LabelFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ResumeEvidenceError(ERROR_CODES.INVALID_INPUT, `${path}: cannot read the label file (${code}); check the --labels path.`, {
      cause: error,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ResumeEvidenceError(ERROR_CODES.INVALID_INPUT, `${path}: not valid JSON (${detail}); fix the syntax and try again.`, {
      cause: error,
    });
  }
  return parseLabelFile(raw, path);
}

/**
 * Reads the file a label names (`file` is relative to `filesDir`). A missing file stops the run:
 * figures over a silently shorter set would mislead.
 */
export async function readLabelledFile(labelsPath: string, filesDir: string, file: string, index: number): Promise<Uint8Array> {
  const filePath = resolvePath(filesDir, file);
  try {
    return new Uint8Array(await readFile(filePath));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ResumeEvidenceError(
      ERROR_CODES.INVALID_INPUT,
      `${labelsPath}: documents[${index}].file: cannot read ${filePath} (${code}); check the path or pass --files <dir>.`,
      { cause: error },
    );
  }
}
