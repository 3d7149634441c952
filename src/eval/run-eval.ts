/**
 * `resume-evidence eval`: screens every labelled file in-process and measures the evidence levels
 * against the labels, next to a plain keyword baseline on the same extracted text.
 */
import path from 'node:path';
import pLimit from 'p-limit';
import { ERROR_CODES, ResumeEvidenceError } from '../errors';
import type { Level } from '../evidence/evidence.schema';
import { screenFile } from '../pipeline/screen-file';
import type { Profile } from '../profile/profile.schema';
import type { Report } from '../report/report.schema';
import { keywordBaseline } from './keyword-baseline';
import { loadLabelFile, readLabelledFile, type LabeledDocument } from './labels.schema';
import { computeFigures, type Figures, type RequirementPrediction, type ScoredDocument } from './metrics';

export interface EvalOptions {
  labelsPath: string;
  /** Folder the labels' `file` paths are relative to. Default: the label file's folder. */
  filesDir?: string;
  profile: Profile;
  /** Only documents whose `split` is this (e.g. "heldout"). Default: all documents. */
  split?: string;
  /** Files screened at once. Default 2: parsing is CPU-bound, more only overlaps file reads. */
  concurrency?: number;
}

export interface DocumentDetail {
  file: string;
  split?: string;
  status: 'ok' | 'error';
  /** The error code screening gave, when it gave one. */
  error?: string;
  /** The error code the label expects, when it expects one. */
  expectedError?: string;
  /** Per requirement id; only requirements the document is labelled for. */
  labelled: Record<string, Level>;
  predicted: Record<string, Level>;
  baseline: Record<string, Level>;
  publicationCount: { labelled?: number; predicted?: number; baseline?: number };
}

export interface ErrorCheck {
  file: string;
  /** "ok" when the label expects the file to be read. */
  expected: string;
  got: string;
}

export interface FigurePair extends Figures {
  baseline: Figures;
}

export interface EvalResult extends FigurePair {
  labelsPath: string;
  filesDir: string;
  profile: { id: string; version: string };
  split?: string;
  /** Requirement ids scored: the profile's, in its order. */
  requirementIds: string[];
  /** Figures per split when the labels carry `split` (and no --split restricted them to one). */
  splits?: Record<string, FigurePair>;
  errorChecks: { expected: number; matched: number; mismatches: ErrorCheck[] };
  warnings: string[];
  documents: DocumentDetail[];
}

interface Screened {
  label: LabeledDocument;
  report: Report;
}

async function screenLabelled(label: LabeledDocument, index: number, options: EvalOptions, filesDir: string): Promise<Screened> {
  const bytes = await readLabelledFile(options.labelsPath, filesDir, label.file, index);

  const { report } = await screenFile({ fileName: path.basename(label.file), bytes }, options.profile);
  return { label, report };
}

function predictionsOf(report: Report): Record<string, RequirementPrediction> {
  const predictions: Record<string, RequirementPrediction> = {};
  if (report.status !== 'ok') return predictions;
  for (const requirement of report.requirements) {
    const evidence =
      requirement.level === 'none'
        ? requirement.ignored.map((match) => ({ page: match.page, line: match.line, quote: match.quote, term: match.term, rule: match.rule, ignored: true }))
        : requirement.items.map((item) => ({ page: item.page, line: item.line, quote: item.quote, term: item.term, rule: item.rule, ignored: false }));
    predictions[requirement.id] = { level: requirement.level, evidence };
  }
  return predictions;
}

/** A labelled file that could not be read scores as "none" everywhere: the reviewer got no evidence. */
function fillMissing(predictions: Record<string, RequirementPrediction>, requirementIds: readonly string[]): Record<string, RequirementPrediction> {
  const filled = { ...predictions };
  for (const id of requirementIds) filled[id] ??= { level: 'none', evidence: [] };
  return filled;
}

function levelsOf(predictions: Readonly<Record<string, RequirementPrediction>>, ids: readonly string[]): Record<string, Level> {
  return Object.fromEntries(ids.flatMap((id) => (predictions[id] ? [[id, predictions[id].level]] : [])));
}

interface Scored {
  ours: ScoredDocument;
  baseline: ScoredDocument;
  detail: DocumentDetail;
}

function score(screened: Screened, requirementIds: readonly string[], profile: Profile): Scored {
  const { label, report } = screened;
  const labels = label.skills ?? {};
  const labelledIds = requirementIds.filter((id) => labels[id] !== undefined);
  const baselineResult = report.status === 'ok' ? keywordBaseline(report.text, profile) : undefined;
  const ours = fillMissing(predictionsOf(report), requirementIds);
  const baseline = fillMissing(
    Object.fromEntries(
      (baselineResult?.requirements ?? []).map((found) => [
        found.requirementId,
        { level: found.level, evidence: found.hits.map((hit) => ({ ...hit, rule: 'keyword', ignored: false })) },
      ]),
    ),
    requirementIds,
  );
  const predictedCount = report.status === 'ok' ? report.publications.length : 0;
  const baselineCount = baselineResult?.publicationCount ?? 0;
  const base = { file: label.file, ...(label.split !== undefined ? { split: label.split } : {}), labels };
  const labelledCount = label.publication_count;
  return {
    ours: { ...base, predictions: ours, ...(labelledCount !== undefined ? { publicationCount: { labelled: labelledCount, predicted: predictedCount } } : {}) },
    baseline: {
      ...base,
      predictions: baseline,
      ...(labelledCount !== undefined ? { publicationCount: { labelled: labelledCount, predicted: baselineCount } } : {}),
    },
    detail: {
      file: label.file,
      ...(label.split !== undefined ? { split: label.split } : {}),
      status: report.status,
      ...(report.status === 'error' ? { error: report.error.code } : {}),
      labelled: Object.fromEntries(labelledIds.map((id) => [id, labels[id]?.strength ?? 'none'])),
      predicted: levelsOf(ours, labelledIds),
      baseline: levelsOf(baseline, labelledIds),
      publicationCount: {
        ...(labelledCount !== undefined ? { labelled: labelledCount } : {}),
        ...(report.status === 'ok' ? { predicted: predictedCount } : {}),
        ...(baselineResult?.publicationCount !== undefined ? { baseline: baselineCount } : {}),
      },
    },
  };
}

function figurePair(requirementIds: readonly string[], scored: readonly Scored[]): FigurePair {
  return {
    ...computeFigures(
      requirementIds,
      scored.map((entry) => entry.ours),
    ),
    baseline: computeFigures(
      requirementIds,
      scored.map((entry) => entry.baseline),
    ),
  };
}

function unknownRequirementWarnings(documents: readonly LabeledDocument[], requirementIds: readonly string[]): string[] {
  const known = new Set(requirementIds);
  const unknown = new Set(documents.flatMap((document) => Object.keys(document.skills ?? {})).filter((id) => !known.has(id)));
  return [...unknown].map((id) => `labels for requirement "${id}" were skipped: the profile has no requirement with that id`);
}

export async function runEval(options: EvalOptions): Promise<EvalResult> {
  const labels = await loadLabelFile(options.labelsPath);
  const filesDir = path.resolve(options.filesDir ?? path.dirname(options.labelsPath));
  const requirementIds = options.profile.requirements.map((requirement) => requirement.id);
  let documents = labels.documents;
  if (options.split !== undefined) {
    const available = [...new Set(documents.flatMap((document) => (document.split === undefined ? [] : [document.split])))];
    documents = documents.filter((document) => document.split === options.split);
    if (documents.length === 0) {
      throw new ResumeEvidenceError(
        ERROR_CODES.INVALID_INPUT,
        `${options.labelsPath}: no document has split "${options.split}"; ${available.length > 0 ? `the splits are: ${available.join(', ')}` : 'the labels have no split field'}.`,
      );
    }
  }

  const limit = pLimit(Math.max(1, options.concurrency ?? 2));
  const screened = await Promise.all(
    documents.map((label) => limit(() => screenLabelled(label, labels.documents.indexOf(label), options, filesDir))),
  );

  const mismatches: ErrorCheck[] = [];
  let expectedErrors = 0;
  const scored: Scored[] = [];
  const details: DocumentDetail[] = [];
  for (const entry of screened) {
    const { label, report } = entry;
    const got = report.status === 'error' ? report.error.code : 'ok';
    if (label.error !== undefined) {
      // Broken files are checked on their error code and left out of the figures.
      expectedErrors += 1;
      if (got !== label.error) mismatches.push({ file: label.file, expected: label.error, got });
      details.push({
        file: label.file,
        ...(label.split !== undefined ? { split: label.split } : {}),
        status: report.status,
        ...(report.status === 'error' ? { error: report.error.code } : {}),
        expectedError: label.error,
        labelled: {},
        predicted: {},
        baseline: {},
        publicationCount: {},
      });
      continue;
    }
    if (got !== 'ok') mismatches.push({ file: label.file, expected: 'ok', got });
    const result = score(entry, requirementIds, options.profile);
    scored.push(result);
    details.push(result.detail);
  }

  const splitNames = [...new Set(scored.flatMap((entry) => (entry.ours.split === undefined ? [] : [entry.ours.split])))].sort();
  const splits =
    options.split === undefined && splitNames.length > 0
      ? Object.fromEntries(
          splitNames.map((name) => [
            name,
            figurePair(
              requirementIds,
              scored.filter((entry) => entry.ours.split === name),
            ),
          ]),
        )
      : undefined;

  return {
    labelsPath: options.labelsPath,
    filesDir,
    profile: { id: options.profile.id, version: options.profile.version },
    ...(options.split !== undefined ? { split: options.split } : {}),
    requirementIds,
    ...figurePair(requirementIds, scored),
    ...(splits !== undefined ? { splits } : {}),
    errorChecks: { expected: expectedErrors, matched: expectedErrors - mismatches.filter((check) => check.expected !== 'ok').length, mismatches },
    warnings: unknownRequirementWarnings(documents, requirementIds),
    documents: details,
  };
}
