import { z } from 'zod';
import { LevelSchema } from '../evidence/evidence.schema';
import type { Profile } from '../profile/profile.schema';
import type { Report } from './report.schema';

export const SUMMARY_SCHEMA_VERSION = '1.0.0' as const;

export const SummaryEntrySchema = z.object({
  candidateId: z.string(),
  fileName: z.string(),
  status: z.enum(['ok', 'error']),
  levels: z.record(z.string(), LevelSchema),
  flags: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  reports: z.object({ json: z.string(), markdown: z.string(), html: z.string() }),
});
export type SummaryEntry = z.infer<typeof SummaryEntrySchema>;

/** The batch at a glance. Entries are in file-name order: the tool never ranks candidates. */
export const SummarySchema = z.object({
  schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
  profile: z.object({ id: z.string(), version: z.string(), title: z.string() }),
  requirements: z.array(z.object({ id: z.string(), label: z.string(), priority: z.enum(['must', 'plus']) })),
  counts: z.object({ total: z.number().int(), ok: z.number().int(), error: z.number().int() }),
  entries: z.array(SummaryEntrySchema),
});
export type Summary = z.infer<typeof SummarySchema>;

export function summaryEntry(report: Report): SummaryEntry {
  const reports = {
    json: `${report.candidateId}.json`,
    markdown: `${report.candidateId}.md`,
    html: `${report.candidateId}.html`,
  };
  if (report.status === 'error') {
    return {
      candidateId: report.candidateId,
      fileName: report.source.fileName,
      status: 'error',
      levels: {},
      flags: [],
      error: report.error,
      reports,
    };
  }
  return {
    candidateId: report.candidateId,
    fileName: report.source.fileName,
    status: 'ok',
    levels: report.levels,
    flags: [...new Set(report.flags.map((flag) => flag.code))],
    reports,
  };
}

export function buildSummary(profile: Profile, reports: readonly Report[]): Summary {
  const entries = reports
    .map(summaryEntry)
    .sort((a, b) => a.fileName.localeCompare(b.fileName, 'en') || a.candidateId.localeCompare(b.candidateId, 'en'));
  const errors = entries.filter((entry) => entry.status === 'error').length;
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    profile: { id: profile.id, version: profile.version, title: profile.title },
    requirements: profile.requirements.map(({ id, label, priority }) => ({ id, label, priority })),
    counts: { total: entries.length, ok: entries.length - errors, error: errors },
    entries,
  };
}
