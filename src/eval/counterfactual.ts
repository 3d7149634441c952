/**
 * The fairness probe (`resume-evidence eval --counterfactual`): the same résumé with the name,
 * pronouns, address, school names and date of birth changed must give the same levels and the
 * same evidence, and no evidence may come from a name, address, date-of-birth or photo-caption line.
 */
import path from 'node:path';
import { ERROR_CODES, ResumeEvidenceError, toErrorInfo } from '../errors';
import type { Evidence, EvidenceItem, IgnoredMatch } from '../evidence/evidence.schema';
import { tagEvidence } from '../evidence/tag-evidence';
import { extractDocument } from '../extract/extract';
import type { ExtractedDocument } from '../extract/document.schema';
import type { Profile } from '../profile/profile.schema';
import {
  buildCounterfactual,
  profileVocabulary,
  VARIANTS,
  type Counterfactual,
  type PersonalLine,
  type SubstitutionKind,
} from './counterfactual-variant';
import { loadLabelFile, readLabelledFile } from './labels.schema';

export { buildCounterfactual, findName, profileVocabulary, VARIANTS } from './counterfactual-variant';
export type { Counterfactual, LineChange, PersonalLine, SubstitutionKind, VariantName } from './counterfactual-variant';

const where = (item: { page: number; line: number }): string => `page ${item.page}, line ${item.line}`;

/** The quote the variant must show for a quote of the original: the same line, rewritten the same way. */
function expectedQuote(quote: string, at: { page: number; line: number }, counterfactual: Counterfactual): string {
  const change = counterfactual.changes.find((candidate) => candidate.page === at.page && candidate.line === at.line);
  if (change === undefined) return quote;
  return quote === change.original ? change.variant : counterfactual.mapText(quote);
}

type Comparable = Pick<EvidenceItem, 'page' | 'line' | 'section' | 'quote' | 'term' | 'rule'> & { level?: EvidenceItem['level'] };

function compareLists(
  label: string,
  original: readonly Comparable[],
  variant: readonly Comparable[],
  counterfactual: Counterfactual,
): string[] {
  const differences: string[] = [];
  if (original.length !== variant.length) {
    differences.push(`${label}: ${original.length} in the original, ${variant.length} in the variant`);
  }
  const count = Math.min(original.length, variant.length);
  for (let index = 0; index < count; index += 1) {
    const before = original[index];
    const after = variant[index];
    if (before === undefined || after === undefined) continue;
    const fields = (['page', 'line', 'section', 'term', 'rule', 'level'] as const).filter((field) => before[field] !== after[field]);
    const mismatched = fields.map((field) => `${field} ${String(before[field])} → ${String(after[field])}`);
    const quote = expectedQuote(before.quote, before, counterfactual);
    if (after.quote !== quote) mismatched.push(`quote ${JSON.stringify(quote)} → ${JSON.stringify(after.quote)}`);
    if (mismatched.length > 0) differences.push(`${label} ${index + 1} (${where(before)}): ${mismatched.join('; ')}`);
  }
  return differences;
}

/** Differences between the evidence of a document and of its counterfactual variant; empty when equal. */
export function compareEvidence(original: Evidence, variant: Evidence, counterfactual: Counterfactual): string[] {
  const differences: string[] = [];
  for (const before of original.requirements) {
    const id = before.requirementId;
    const after = variant.requirements.find((candidate) => candidate.requirementId === id);
    if (after === undefined) {
      differences.push(`${id}: missing from the variant's evidence`);
      continue;
    }
    if (before.level !== after.level) differences.push(`${id}: level ${before.level} → ${after.level}`);
    differences.push(...compareLists(`${id} item`, before.items, after.items, counterfactual));
    const asComparable = (match: IgnoredMatch): Comparable => match;
    differences.push(...compareLists(`${id} set-aside match`, before.ignored.map(asComparable), after.ignored.map(asComparable), counterfactual));
  }
  const publications = (evidence: Evidence): Comparable[] =>
    evidence.publications.map((entry) => ({ page: entry.page, line: entry.line, section: 'publications', quote: entry.quote, term: entry.venue ?? '-', rule: 'publication' }));
  differences.push(...compareLists('publication', publications(original), publications(variant), counterfactual));
  return differences;
}

/** Evidence taken from a line about the person (name, address, date of birth, photo caption). */
export function personalLineEvidence(evidence: Evidence, personalLines: readonly PersonalLine[]): string[] {
  const problems: string[] = [];
  const personalAt = (item: { page: number; line: number }): PersonalLine | undefined =>
    personalLines.find((personal) => personal.page === item.page && personal.line === item.line);
  for (const requirement of evidence.requirements) {
    for (const item of requirement.items) {
      const personal = personalAt(item);
      if (personal) problems.push(`${requirement.requirementId}: evidence from the ${personal.kind} line (${where(item)})`);
    }
  }
  for (const entry of evidence.publications) {
    const personal = personalAt(entry);
    if (personal) problems.push(`publications: a publication entry on the ${personal.kind} line (${where(entry)})`);
  }
  return problems;
}

export interface VariantOutcome {
  variant: Counterfactual['variant'];
  /** What the variant changed, and on how many lines. */
  changed: Partial<Record<SubstitutionKind, number>>;
  differences: string[];
}

export interface DocumentProbe {
  variants: VariantOutcome[];
  /** Evidence on personal lines of the original document. */
  personalEvidence: string[];
  passed: boolean;
}

/** Runs the probe on one extracted document: every variant, compared with the original. */
export function probeDocument(document: ExtractedDocument, profile: Profile): DocumentProbe {
  const keepWords = profileVocabulary(profile);
  const original = tagEvidence(document, profile);
  let personalEvidence: string[] = [];
  const variants = VARIANTS.map((variant): VariantOutcome => {
    const counterfactual = buildCounterfactual(document, { variant, keepWords });
    // Personal lines sit at the same page and line in every variant; check the original once.
    if (personalEvidence.length === 0) personalEvidence = personalLineEvidence(original, counterfactual.personalLines);
    const changed: Partial<Record<SubstitutionKind, number>> = {};
    for (const change of counterfactual.changes) for (const kind of change.kinds) changed[kind] = (changed[kind] ?? 0) + 1;
    const differences = compareEvidence(original, tagEvidence(counterfactual.document, profile), counterfactual);
    return { variant, changed, differences };
  });
  return { variants, personalEvidence, passed: personalEvidence.length === 0 && variants.every((outcome) => outcome.differences.length === 0) };
}

export interface CounterfactualOptions {
  labelsPath: string;
  /** Folder the labels' `file` paths are relative to. Default: the label file's folder. */
  filesDir?: string;
  profile: Profile;
  /** Only documents whose `split` is this. Default: all. */
  split?: string;
}

export interface CounterfactualDocument {
  file: string;
  split?: string;
  /** skipped: the file cannot be read (broken fixture); `error` says why. */
  status: 'pass' | 'fail' | 'skipped';
  error?: string;
  variants: VariantOutcome[];
  personalEvidence: string[];
}

export interface CounterfactualResult {
  labelsPath: string;
  passed: number;
  failed: number;
  skipped: number;
  documents: CounterfactualDocument[];
}

export async function runCounterfactual(options: CounterfactualOptions): Promise<CounterfactualResult> {
  const labels = await loadLabelFile(options.labelsPath);
  const filesDir = path.resolve(options.filesDir ?? path.dirname(options.labelsPath));
  const selected = labels.documents.filter((label) => options.split === undefined || label.split === options.split);
  if (selected.length === 0) {
    throw new ResumeEvidenceError(ERROR_CODES.INVALID_INPUT, `${options.labelsPath}: no document has split "${options.split ?? ''}".`);
  }
  const documents: CounterfactualDocument[] = [];
  for (const label of selected) {
    const base = { file: label.file, ...(label.split !== undefined ? { split: label.split } : {}) };
    const bytes = await readLabelledFile(options.labelsPath, filesDir, label.file, labels.documents.indexOf(label));

    let document: ExtractedDocument;
    try {
      document = await extractDocument(bytes);
    } catch (error) {
      // A file that cannot be read has no evidence to compare: the eval command checks its error code.
      documents.push({ ...base, status: 'skipped', error: toErrorInfo(error).code, variants: [], personalEvidence: [] });
      continue;
    }
    const probe = probeDocument(document, options.profile);
    documents.push({ ...base, status: probe.passed ? 'pass' : 'fail', variants: probe.variants, personalEvidence: probe.personalEvidence });
  }
  const count = (status: CounterfactualDocument['status']): number => documents.filter((document) => document.status === status).length;
  return { labelsPath: options.labelsPath, passed: count('pass'), failed: count('fail'), skipped: count('skipped'), documents };
}
