import { extractDocument, type ExtractOptions } from '../extract/extract';
import { sharedExtractPool, type ExtractThreadPool } from '../extract/budget/extract-pool';
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

export interface ScreenOptions extends ExtractOptions {
  /**
   * Where extraction runs. Default: the process-wide thread pool (`sharedExtractPool()`), so a
   * hostile file is stopped by the time and memory budget (EXTRACTION_TIMEOUT, TOO_COMPLEX)
   * instead of hanging or crashing the caller. Pass a pool of your own for other limits, or
   * `false` to parse on the calling thread with no budget (benchmarks of stage timings, callers
   * already inside a budget).
   */
  budget?: ExtractThreadPool | false;
}

/**
 * The whole pure pipeline for one file: detect → extract → tag → report. A file that cannot be
 * read becomes an error report instead of an exception, so a batch always goes on.
 */
export async function screenFile(file: SourceFile, profile: Profile, options: ScreenOptions = {}): Promise<ScreenResult> {
  const source = describeSource(file);
  const { budget, ...extractOptions } = options;
  try {
    const document =
      budget === false
        ? await extractDocument(file.bytes, extractOptions)
        : await (budget ?? sharedExtractPool()).extract(file.bytes, extractOptions);
    const evidence = tagEvidence(document, profile);
    return { report: buildReport({ source, profile, document, evidence }) };
  } catch (error) {
    const report = buildErrorReport({ source, profile, error: toErrorInfo(error) });
    return error instanceof ResumeEvidenceError ? { report } : { report, unexpectedError: error };
  }
}
