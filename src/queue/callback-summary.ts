import type { Report } from '../report/report.schema';

/**
 * What a callback tells the caller's system: where the report is and what it found, per
 * requirement. Deliberately no decision, rank or score, and no résumé text or contact details.
 */
export interface CallbackSummary {
  event: 'report.ready';
  reportId: string;
  resumeId: string;
  batchId: string;
  candidateId: string;
  externalCandidateId?: string;
  profile: { id: string; version: string };
  status: 'ok' | 'error';
  /** Per requirement id, the evidence level (none < mentioned < used < strong). Empty for errors. */
  levels: Record<string, string>;
  /** Codes of the flags a reviewer should look at (e.g. hidden text). */
  flags: string[];
  error?: { code: string };
  reportUrl: string;
  notice: string;
}

export function buildCallbackSummary(input: {
  report: Report;
  reportId: string;
  resumeId: string;
  batchId: string;
  externalCandidateId?: string;
  publicBaseUrl: string;
}): CallbackSummary {
  const { report } = input;
  return {
    event: 'report.ready',
    reportId: input.reportId,
    resumeId: input.resumeId,
    batchId: input.batchId,
    candidateId: report.candidateId,
    ...(input.externalCandidateId ? { externalCandidateId: input.externalCandidateId } : {}),
    profile: { id: report.profile.id, version: report.profile.version },
    status: report.status,
    levels: report.status === 'ok' ? { ...report.levels } : {},
    flags: report.status === 'ok' ? report.flags.map((flag) => flag.code) : [],
    ...(report.status === 'error' ? { error: { code: report.error.code } } : {}),
    reportUrl: `${input.publicBaseUrl}/v1/reports/${input.reportId}`,
    notice: report.notice,
  };
}
