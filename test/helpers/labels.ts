import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLabelFile, type LabeledDocument } from '../../src/eval/labels.schema';

/** The label format fixed by the eval issue (src/eval/labels.schema.ts), with the demo set's `expect` and `error`. */
export type Label = LabeledDocument;

export function readLabels(labelsPath: string): { folder: string; documents: Label[] } {
  const parsed = parseLabelFile(JSON.parse(readFileSync(labelsPath, 'utf8')), labelsPath);
  return { folder: path.dirname(labelsPath), documents: parsed.documents };
}
