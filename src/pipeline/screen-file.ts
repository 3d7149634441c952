import { extractDocument, type ExtractOptions } from '../extract/extract';
import { tagEvidence } from '../evidence/tag-evidence';
import { ResumeEvidenceError, toErrorInfo } from '../errors';
import type { Profile } from '../profile/profile.schema';
import { buildErrorReport, buildReport, describeSource, type SourceFile } from '../report/build-report';
import type { Report } from '../report/report.schema';

export interface ScreenResult {
  report: Report;
  /** Set when the failure was not a known file problem (a bug): callers log it, without résumé text. */
  unexpectedError?: unknown;
}

/**
 * The whole pure pipeline for one file: detect → extract → tag → report. A file that cannot be
 * read becomes an error report instead of an exception, so a batch always goes on.
 */
export async function screenFile(
  file: SourceFile,
  profile: Profile,
  options: ExtractOptions = {},
): Promise<ScreenResult> {
  const source = describeSource(file);
  try {
    const document = await extractDocument(file.bytes, options);
    const evidence = tagEvidence(document, profile);
    return { report: buildReport({ source, profile, document, evidence }) };
  } catch (error) {
    const report = buildErrorReport({ source, profile, error: toErrorInfo(error) });
    return error instanceof ResumeEvidenceError ? { report } : { report, unexpectedError: error };
  }
}
