import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import Table from 'cli-table3';
import pLimit from 'p-limit';
import { ExtractThreadPool } from '../extract/budget/extract-pool';
import type { ExtractBudget } from '../extract/budget/budget-options';
import { screenFile } from '../pipeline/screen-file';
import type { Profile } from '../profile/profile.schema';
import { buildErrorReport } from '../report/build-report';
import type { Report } from '../report/report.schema';
import { buildSummary, type Summary } from '../report/summary';
import { collectFiles } from './collect-files';
import { readInputFile } from './read-input-file';
import { writeReport, writeSummary } from './write-reports';

export interface ScreenOptions {
  inputs: string[];
  profile: Profile;
  /** Folder for the reports. Default `./reports`. */
  outDir: string;
  /** Files in flight at once. Default 4: pdf.js is CPU-bound, so more only overlaps file I/O. */
  concurrency: number;
  /** Largest file accepted, in bytes. Default 10 MiB. */
  maxBytes: number;
  /** Per-file parsing budget (wall-clock ms, heap MB); default 20000 ms and 512 MB. */
  budget?: Partial<ExtractBudget>;
  /** Show a progress bar (on a terminal). */
  progress: boolean;
  /** Called for failures that are bugs rather than bad files; never given résumé text. */
  onUnexpectedError?: (fileName: string, error: unknown) => void;
}

export interface ScreenRun {
  summary: Summary;
  reports: Report[];
  missing: string[];
}

/** Screens files and folders in-process and writes one report per file plus index and summary. */
export async function runScreen(options: ScreenOptions): Promise<ScreenRun> {
  const { files, missing } = await collectFiles(options.inputs);
  const bar = options.progress
    ? new SingleBar({ format: 'screening {bar} {value}/{total} files', hideCursor: true, stream: process.stderr }, Presets.shades_classic)
    : undefined;
  bar?.start(files.length, 0);
  const limit = pLimit(Math.max(1, options.concurrency));
  // Each file is parsed in a worker thread with a time and heap limit: a hostile file ends as an
  // error report (EXTRACTION_TIMEOUT, TOO_COMPLEX) instead of hanging or exhausting the run.
  const pool = new ExtractThreadPool({ ...options.budget, size: Math.max(1, options.concurrency) });
  const reports = await Promise.all(
    files.map((filePath) =>
      limit(async () => {
        const input = await readInputFile(filePath, options.maxBytes);
        let report: Report;
        if (input.ok) {
          const result = await screenFile({ fileName: input.fileName, bytes: input.bytes }, options.profile, {
            maxBytes: options.maxBytes,
            budget: pool,
          });
          if (result.unexpectedError !== undefined) options.onUnexpectedError?.(input.fileName, result.unexpectedError);
          report = result.report;
        } else {
          report = buildErrorReport({ source: input.source, profile: options.profile, error: input.error });
        }
        // Written as soon as it is ready: a crash later in the batch loses nothing already screened.
        await writeReport(options.outDir, report);
        bar?.increment();
        return report;
      }),
    ),
  );
  bar?.stop();
  await pool.close();
  const summary = buildSummary(options.profile, reports);
  await writeSummary(options.outDir, summary);
  return { summary, reports, missing };
}

/** The end-of-run table: one row per file, one column per requirement. */
export function formatSummaryTable(summary: Summary): string {
  const table = new Table({
    head: ['file', ...summary.requirements.map((requirement) => requirement.id), 'flags / error'],
    style: { head: [], border: [], compact: true },
  });
  for (const entry of summary.entries) {
    if (entry.status === 'error') {
      table.push([entry.fileName, ...summary.requirements.map(() => '-'), entry.error?.code ?? 'ERROR']);
    } else {
      table.push([
        entry.fileName,
        ...summary.requirements.map((requirement) => entry.levels[requirement.id] ?? '-'),
        entry.flags.join(', '),
      ]);
    }
  }
  return table.toString();
}

export function describeOutput(outDir: string, summary: Summary): string {
  const index = path.resolve(outDir, 'index.html');
  return `${summary.counts.total} file(s): ${summary.counts.ok} screened, ${summary.counts.error} could not be read.\nOpen ${index} in a browser (reports are evidence for a person to weigh, not decisions).`;
}
