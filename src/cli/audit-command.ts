import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { ResumeEvidenceError } from '../errors';
import { DecisionKindSchema, type DecisionKind } from '../review/decision.schema';
import { toCsv } from '../review/csv';
import { parseDemographicsCsv, selectionAudit, SMALL_GROUP_MIN_COUNT, SMALL_GROUP_SHARE, type SelectionAudit } from '../review/selection-rates';

/** The part of a decisions export (GET /v1/batches/:id/decisions) the audit reads. */
const DecisionsFileSchema = z.object({
  kind: z.literal('resume-evidence.decisions'),
  batchId: z.string(),
  candidates: z.array(z.object({ reportId: z.string(), resumeId: z.string(), decision: DecisionKindSchema.nullable() })),
});

/**
 * Candidate id → current human decision, keyed by whichever id the demographics file uses
 * (report id or résumé id), so each person is counted once.
 */
export function outcomesFor(decisions: z.infer<typeof DecisionsFileSchema>, demographicIds: ReadonlySet<string>): Map<string, DecisionKind> {
  const outcomes = new Map<string, DecisionKind>();
  for (const candidate of decisions.candidates) {
    if (candidate.decision === null) continue;
    const key = demographicIds.has(candidate.resumeId) ? candidate.resumeId : candidate.reportId;
    outcomes.set(key, candidate.decision);
  }
  return outcomes;
}

function formatRate(rate: number): string {
  return rate.toFixed(3);
}

export function formatAuditTable(audit: SelectionAudit): string {
  const lines = [
    `People in the demographics file: ${audit.people}; with a human decision: ${audit.decided}; without: ${audit.undecided}; decisions without demographics (not counted): ${audit.decisionsWithoutDemographics}.`,
    'Selection rate = advanced / decided in the category. Impact ratio = rate / highest rate of the dimension (small groups left out of the highest).',
    `* small group: fewer than ${SMALL_GROUP_MIN_COUNT} people or under ${SMALL_GROUP_SHARE * 100}% of the decided total; its figures are not reliable.`,
    '',
  ];
  let dimension = '';
  for (const group of audit.groups) {
    if (group.dimension !== dimension) {
      dimension = group.dimension;
      lines.push(`${dimension}`, `  ${'category'.padEnd(40)} ${'decided'.padStart(7)} ${'advanced'.padStart(8)} ${'rate'.padStart(6)} ${'impact'.padStart(6)}`);
    }
    const impact = group.impactRatio === null ? '–' : formatRate(group.impactRatio);
    lines.push(`  ${`${group.category}${group.small ? ' *' : ''}`.padEnd(40)} ${String(group.decided).padStart(7)} ${String(group.advanced).padStart(8)} ${formatRate(group.selectionRate).padStart(6)} ${impact.padStart(6)}`);
  }
  return lines.join('\n');
}

export function auditToCsvRows(audit: SelectionAudit): string {
  return toCsv(
    ['dimension', 'category', 'decided', 'advanced', 'selectionRate', 'impactRatio', 'smallGroup'],
    audit.groups.map((group) => [group.dimension, group.category, group.decided, group.advanced, formatRate(group.selectionRate), group.impactRatio === null ? '' : formatRate(group.impactRatio), group.small]),
  );
}

export async function runAudit(options: { demographics: string; decisions: string; format: 'table' | 'json' | 'csv' }): Promise<string> {
  const demographics = parseDemographicsCsv(await readFile(options.demographics, 'utf8'));
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(options.decisions, 'utf8'));
  } catch {
    throw new ResumeEvidenceError('INVALID_INPUT', `${options.decisions}: not a JSON file; export it with GET /v1/batches/<id>/decisions or the batch page's "Decisions (JSON)" link.`);
  }
  const parsed = DecisionsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ResumeEvidenceError('INVALID_INPUT', `${options.decisions}: not a decisions export (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}).`);
  }
  const audit = selectionAudit(demographics, outcomesFor(parsed.data, new Set(demographics.rows.map((row) => row.id))));
  if (options.format === 'json') return JSON.stringify({ kind: 'resume-evidence.selection-audit', batchId: parsed.data.batchId, smallGroup: { minCount: SMALL_GROUP_MIN_COUNT, minShare: SMALL_GROUP_SHARE }, ...audit }, null, 2);
  if (options.format === 'csv') return auditToCsvRows(audit);
  return formatAuditTable(audit);
}

/**
 * `resume-evidence audit --demographics <csv> --decisions <json>`: selection rates and impact ratios
 * of the human decisions per self-reported category and intersection (NYC Local Law 144 figures).
 * The demographics stay outside the screening path: they are read here and nowhere else.
 */
export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('selection rates and impact ratios of the human decisions per demographic category (bias audit support)')
    .requiredOption('--demographics <csv>', 'self-reported categories: an id column (reportId, resumeId, candidateId, candidate or id), then one column per category')
    .requiredOption('--decisions <json>', 'a decisions export of the batch (GET /v1/batches/<id>/decisions or the batch page)')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (options: { demographics: string; decisions: string; format: string }) => {
      if (!['table', 'json', 'csv'].includes(options.format)) throw new ResumeEvidenceError('INVALID_INPUT', '--format: expected table, json or csv.');
      process.stdout.write(`${await runAudit({ ...options, format: options.format as 'table' | 'json' | 'csv' })}\n`);
    });
}
