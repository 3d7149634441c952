/**
 * The text output of `resume-evidence eval`: readable tables, ours beside the keyword baseline.
 * Disagreements quote résumé lines: eval runs on labelled test files on the user's machine, and
 * showing why a level differs is its purpose. This goes to stdout only, never to the logger.
 */
import Table from 'cli-table3';
import type { EvalResult, FigurePair } from './run-eval';
import { LEVEL_ORDER, type Disagreement, type Figures } from './metrics';

/** Quotes shown per disagreement; the JSON output has them all. */
const QUOTES_PER_DISAGREEMENT = 3;

const plain = { head: [] as string[], border: [] as string[] };

function figure(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? '-' : value.toFixed(digits);
}

function presenceTable(requirementIds: readonly string[], pair: FigurePair): string {
  const table = new Table({
    head: ['requirement', 'P', 'R', 'F1', 'tp/fp/fn', 'baseline P', 'baseline R', 'baseline F1', 'baseline tp/fp/fn'],
    style: plain,
  });
  for (const id of requirementIds) {
    const ours = pair.perRequirement[id];
    const base = pair.baseline.perRequirement[id];
    if (ours === undefined || base === undefined) continue;
    table.push([
      id,
      figure(ours.precision),
      figure(ours.recall),
      figure(ours.f1),
      `${ours.tp}/${ours.fp}/${ours.fn}`,
      figure(base.precision),
      figure(base.recall),
      figure(base.f1),
      `${base.tp}/${base.fp}/${base.fn}`,
    ]);
  }
  table.push(['macro-F1', '', '', figure(pair.macroF1), '', '', '', figure(pair.baseline.macroF1), '']);
  return table.toString();
}

function summaryTable(pair: FigurePair): string {
  const table = new Table({ head: ['', 'ours', 'keyword baseline'], style: plain });
  table.push(
    ['macro-F1 of "present"', figure(pair.macroF1), figure(pair.baseline.macroF1)],
    ['level accuracy', figure(pair.levelAccuracy), figure(pair.baseline.levelAccuracy)],
    ['publication count MAE', figure(pair.publicationCountMAE), figure(pair.baseline.publicationCountMAE)],
  );
  return table.toString();
}

function confusionTable(figures: Figures): string {
  const table = new Table({ head: ['labelled \\ predicted', ...LEVEL_ORDER], style: plain });
  for (const labelled of LEVEL_ORDER) {
    table.push([labelled, ...LEVEL_ORDER.map((predicted) => String(figures.levelConfusion[labelled][predicted]))]);
  }
  return table.toString();
}

function formatDisagreement(disagreement: Disagreement): string {
  const kind = disagreement.kind === 'level' ? 'level differs' : disagreement.kind;
  const head = `${disagreement.file} ${disagreement.requirementId}: labelled ${disagreement.labelled}, predicted ${disagreement.predicted} (${kind})`;
  const quotes = disagreement.evidence.slice(0, QUOTES_PER_DISAGREEMENT).map((quoted) => {
    const what = quoted.ignored ? `set aside: ${quoted.rule}` : quoted.rule;
    return `    p${quoted.page} l${quoted.line} [${what}; "${quoted.term}"] ${JSON.stringify(quoted.quote)}`;
  });
  const more = disagreement.evidence.length - quotes.length;
  if (more > 0) quotes.push(`    … ${more} more (see --json)`);
  if (quotes.length === 0) quotes.push('    (no match of any term of this requirement)');
  return [head, ...quotes].join('\n');
}

function section(title: string, body: string): string {
  return `${title}\n${body}`;
}

function figureBlock(title: string, requirementIds: readonly string[], pair: FigurePair): string[] {
  return [
    section(`${title}: presence per requirement (ours | keyword baseline), ${pair.documentCount} documents`, presenceTable(requirementIds, pair)),
    section(`${title}: summary`, summaryTable(pair)),
    section(`${title}: levels (rows: label, columns: ours)`, confusionTable(pair)),
  ];
}

export function formatEvalText(result: EvalResult): string {
  const parts: string[] = [];
  const scope = result.split === undefined ? '' : `, split "${result.split}"`;
  parts.push(
    `eval of ${result.labelsPath}${scope} with profile ${result.profile.id} ${result.profile.version}: ${result.documentCount} documents scored, ` +
      `${result.errorChecks.expected} broken files expected (${result.errorChecks.matched} gave the expected error).`,
  );
  parts.push(...figureBlock('all documents', result.requirementIds, result));
  for (const [name, pair] of Object.entries(result.splits ?? {})) parts.push(...figureBlock(`split "${name}"`, result.requirementIds, pair));
  if (result.errorChecks.mismatches.length > 0) {
    parts.push(
      section(
        'files whose outcome differs from the label',
        result.errorChecks.mismatches.map((check) => `  ${check.file}: expected ${check.expected}, got ${check.got}`).join('\n'),
      ),
    );
  }
  parts.push(
    section(
      `disagreements with the labels (${result.disagreements.length})`,
      result.disagreements.length === 0 ? '  none' : result.disagreements.map(formatDisagreement).join('\n'),
    ),
  );
  for (const warning of result.warnings) parts.push(`warning: ${warning}`);
  return `${parts.join('\n\n')}\n`;
}
