/**
 * The figures of `resume-evidence eval`, as pure functions of labelled and predicted levels.
 *
 * Presence: a requirement is "present" when its level is not "none" (labels and predictions alike).
 * Conventions for empty denominators, chosen so a requirement nobody has and nobody claims scores
 * perfectly, and a single false alarm or miss costs the whole F1:
 * - precision = 1 when tp + fp = 0 (nothing was claimed, so no claim was wrong);
 * - recall    = 1 when tp + fn = 0 (nothing was there to find);
 * - F1        = 0 when precision + recall = 0, else their harmonic mean.
 * Figures over an empty set (no labelled pair, no publication count) are null, never a made-up number.
 */
import { LEVELS, type Level } from '../evidence/evidence.schema';
import type { SkillLabel } from './labels.schema';

/** A line shown to explain a prediction: an evidence item, or a match that was set aside. */
export interface QuotedEvidence {
  page: number;
  line: number;
  quote: string;
  term: string;
  rule: string;
  /** True for a match the tagger set aside (other sense, negated, hidden...). */
  ignored: boolean;
}

export interface RequirementPrediction {
  level: Level;
  /** The predicted evidence items; when the level is "none", the ignored matches instead. */
  evidence: QuotedEvidence[];
}

export interface ScoredDocument {
  file: string;
  split?: string;
  labels: Readonly<Record<string, SkillLabel>>;
  predictions: Readonly<Record<string, RequirementPrediction>>;
  publicationCount?: { labelled: number; predicted: number };
}

export interface PresenceCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface PresenceScores extends PresenceCounts {
  precision: number;
  recall: number;
  f1: number;
}

/** Rows: labelled strength; columns: predicted level; cells: document × requirement pairs. */
export type LevelConfusion = Record<Level, Record<Level, number>>;

export interface Disagreement {
  file: string;
  split?: string;
  requirementId: string;
  labelled: Level;
  predicted: Level;
  /** false-positive / false-negative: presence differs; level: both present, levels differ. */
  kind: 'false-positive' | 'false-negative' | 'level';
  evidence: QuotedEvidence[];
}

export interface Figures {
  /** Documents scored (with skills labels). */
  documentCount: number;
  /** Requirements that at least one document is labelled for, in profile order. */
  perRequirement: Record<string, PresenceScores>;
  /** Mean F1 over the requirements that have at least one labelled document; null when none has. */
  macroF1: number | null;
  /** Share of labelled document × requirement pairs whose predicted level equals the label. */
  levelAccuracy: number | null;
  levelConfusion: LevelConfusion;
  /** Mean |labelled - predicted| publication count over documents labelled with one. */
  publicationCountMAE: number | null;
  disagreements: Disagreement[];
}

export function presenceScores(counts: PresenceCounts): PresenceScores {
  const { tp, fp, fn } = counts;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

export function emptyConfusion(): LevelConfusion {
  const row = (): Record<Level, number> => ({ none: 0, mentioned: 0, used: 0, strong: 0 });
  return { none: row(), mentioned: row(), used: row(), strong: row() };
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function publicationCountMAE(documents: readonly ScoredDocument[]): number | null {
  return mean(
    documents.flatMap((document) =>
      document.publicationCount === undefined ? [] : [Math.abs(document.publicationCount.labelled - document.publicationCount.predicted)],
    ),
  );
}

function disagreementKind(labelled: Level, predicted: Level): Disagreement['kind'] {
  if (labelled === 'none') return 'false-positive';
  if (predicted === 'none') return 'false-negative';
  return 'level';
}

/** All figures for one set of documents; only the given requirement ids are scored. */
export function computeFigures(requirementIds: readonly string[], documents: readonly ScoredDocument[]): Figures {
  const counts = new Map<string, PresenceCounts>(requirementIds.map((id) => [id, { tp: 0, fp: 0, fn: 0, tn: 0 }]));
  const labelledRequirements = new Set<string>();
  const levelConfusion = emptyConfusion();
  const disagreements: Disagreement[] = [];
  let pairs = 0;
  let levelHits = 0;
  for (const document of documents) {
    for (const requirementId of requirementIds) {
      const label = document.labels[requirementId];
      const prediction = document.predictions[requirementId];
      const tally = counts.get(requirementId);
      if (label === undefined || prediction === undefined || tally === undefined) continue;
      labelledRequirements.add(requirementId);
      const predictedPresent = prediction.level !== 'none';
      if (label.present && predictedPresent) tally.tp += 1;
      else if (!label.present && predictedPresent) tally.fp += 1;
      else if (label.present && !predictedPresent) tally.fn += 1;
      else tally.tn += 1;
      levelConfusion[label.strength][prediction.level] += 1;
      pairs += 1;
      if (label.strength === prediction.level) {
        levelHits += 1;
        continue;
      }
      disagreements.push({
        file: document.file,
        ...(document.split !== undefined ? { split: document.split } : {}),
        requirementId,
        labelled: label.strength,
        predicted: prediction.level,
        kind: disagreementKind(label.strength, prediction.level),
        evidence: prediction.evidence,
      });
    }
  }
  const perRequirement: Record<string, PresenceScores> = {};
  for (const [requirementId, tally] of counts) {
    // A requirement no document is labelled for has no figures (its F1 would be a vacuous 1).
    if (labelledRequirements.has(requirementId)) perRequirement[requirementId] = presenceScores(tally);
  }
  return {
    documentCount: documents.length,
    perRequirement,
    macroF1: mean([...labelledRequirements].map((id) => perRequirement[id]?.f1 ?? 0)),
    levelAccuracy: pairs === 0 ? null : levelHits / pairs,
    levelConfusion,
    publicationCountMAE: publicationCountMAE(documents),
    disagreements,
  };
}

/** The levels in order, for tables. */
export const LEVEL_ORDER: readonly Level[] = LEVELS;
