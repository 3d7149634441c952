import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { decodeText, detectFormat } from '../src/extract/detect';
import type { ExtractedDocument, Format } from '../src/extract/document.schema';
import { extractDocx } from '../src/extract/docx';
import { finish } from '../src/extract/extract';
import { DEFAULT_MAX_PAGES, extractPdf } from '../src/extract/pdf';
import type { RawExtraction } from '../src/extract/raw-line';
import { extractPlainText } from '../src/extract/text';
import { tagEvidence } from '../src/evidence/tag-evidence';
import { ResumeEvidenceError } from '../src/errors';
import type { Profile } from '../src/profile/profile.schema';
import { buildReport, describeSource } from '../src/report/build-report';
import { renderHtml } from '../src/report/render-html';
import { renderJson } from '../src/report/render-json';
import { renderMarkdown } from '../src/report/render-markdown';
import { ExtractThreadPool } from '../src/extract/budget/extract-pool';
import { screenFile } from '../src/pipeline/screen-file';
import type { Report } from '../src/report/report.schema';
import { summarise, type Summary } from './stats';

/** The measured stages, in pipeline order. `extract` = `extract.raw` + `extract.finish`. */
export const STAGE_NAMES = [
  'detect',
  'extract.raw',
  'extract.finish',
  'extract',
  'tag',
  'report.build',
  'render.json',
  'render.markdown',
  'render.html',
  'pipeline',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export const STAGE_DESCRIPTIONS: Record<StageName, string> = {
  detect: 'detectFormat (magic bytes, ZIP directory)',
  'extract.raw': 'format extractor: pdf.js text + layout (columns, hidden text) / DOCX / text',
  'extract.finish': 'finish: normalise, hyphen joins, sections, line numbers',
  extract: 'extract.raw + extract.finish',
  tag: 'tagEvidence(document, profile)',
  'report.build': 'describeSource (sha256) + buildReport',
  'render.json': 'renderJson',
  'render.markdown': 'renderMarkdown',
  'render.html': 'renderHtml',
  pipeline: 'everything above, as the CLI does per file',
};

/** What the queue workers run per résumé (no Markdown/HTML rendering: the screen job stores JSON). */
export const QUEUE_EQUIVALENT_STAGES: readonly StageName[] = ['detect', 'extract.raw', 'extract.finish', 'tag', 'report.build', 'render.json'];

export interface StageFigures {
  wallMs: Summary;
  cpuMs: Summary;
}

export interface DocumentInput {
  fileName: string;
  kind: string;
  bytes: Uint8Array;
}

export interface DocumentTiming {
  fileName: string;
  kind: string;
  format: Format;
  pages: number;
  wallMs: Record<StageName, number>;
  cpuMs: Record<StageName, number>;
}

export interface InProcessResult {
  documents: number;
  failed: Array<{ fileName: string; code: string }>;
  stages: Record<StageName, StageFigures>;
  /** Per document kind (pdf-1col, docx, …): pipeline figures. */
  pipelineByKind: Record<string, StageFigures>;
  peakRssMb: number;
  timings: DocumentTiming[];
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Runs one (sync or async) step, returning its value, wall ms and CPU ms. */
async function measure<T>(step: () => T | Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = await step();
  return { value, wallMs: performance.now() - wall, cpuMs: cpuMsSince(cpu) };
}

function rawExtractor(format: Format, bytes: Uint8Array): Promise<RawExtraction> | RawExtraction {
  switch (format) {
    case 'pdf':
      return extractPdf(bytes, { maxPages: DEFAULT_MAX_PAGES });
    case 'docx':
      return extractDocx(bytes);
    case 'txt':
    case 'md':
      return extractPlainText(decodeText(bytes), format);
  }
}

/** The whole pure pipeline of one document, each stage timed on its own. */
export async function timeDocument(input: DocumentInput, profile: Profile): Promise<DocumentTiming> {
  const wallMs = {} as Record<StageName, number>;
  const cpuMs = {} as Record<StageName, number>;
  const record = <T>(stage: StageName, measured: { value: T; wallMs: number; cpuMs: number }): T => {
    wallMs[stage] = measured.wallMs;
    cpuMs[stage] = measured.cpuMs;
    return measured.value;
  };
  const format = record('detect', await measure(() => detectFormat(input.bytes)));
  const raw = record('extract.raw', await measure(() => rawExtractor(format, input.bytes)));
  const document: ExtractedDocument = record('extract.finish', await measure(() => finish(format, raw)));
  const evidence = record('tag', await measure(() => tagEvidence(document, profile)));
  const report: Report = record(
    'report.build',
    await measure(() => buildReport({ source: describeSource({ fileName: input.fileName, bytes: input.bytes }), profile, document, evidence })),
  );
  record('render.json', await measure(() => renderJson(report)));
  record('render.markdown', await measure(() => renderMarkdown(report)));
  record('render.html', await measure(() => renderHtml(report)));
  for (const field of [wallMs, cpuMs]) {
    field.extract = (field['extract.raw'] ?? 0) + (field['extract.finish'] ?? 0);
    field.pipeline = STAGE_NAMES.filter((stage) => stage !== 'extract' && stage !== 'pipeline').reduce((sum, stage) => sum + (field[stage] ?? 0), 0);
  }
  return { fileName: input.fileName, kind: input.kind, format, pages: document.pageCount, wallMs, cpuMs };
}

export function stageFigures(timings: readonly DocumentTiming[], stage: StageName): StageFigures {
  return { wallMs: summarise(timings.map((timing) => timing.wallMs[stage])), cpuMs: summarise(timings.map((timing) => timing.cpuMs[stage])) };
}

/**
 * Runs every document through the stages one at a time (one document in flight, so CPU deltas
 * belong to it). The first `warmup` documents (default: all of them) are run once beforehand and
 * not measured, so JIT compilation and pdf.js start-up do not count as per-document cost. The
 * references in comparisons.ts are warmed the same way: with only a few warm-up files, our
 * pipeline ran first on a half-cold JIT while getText() ran after it on a hot one, which made
 * the ratio look ≈ 2× worse than it is.
 */
export async function runInProcess(
  documents: readonly DocumentInput[],
  profile: Profile,
  options: { warmup?: number; onProgress?: (done: number) => void } = {},
): Promise<InProcessResult> {
  for (const document of documents.slice(0, options.warmup ?? documents.length)) {
    await timeDocument(document, profile).catch(() => undefined);
  }
  const timings: DocumentTiming[] = [];
  const failed: InProcessResult['failed'] = [];
  for (const [index, document] of documents.entries()) {
    try {
      timings.push(await timeDocument(document, profile));
    } catch (error) {
      // A real corpus may hold files that can never be read: count them, never time them.
      if (!(error instanceof ResumeEvidenceError)) throw error;
      failed.push({ fileName: document.fileName, code: error.code });
    }
    if (options.onProgress && (index + 1) % 100 === 0) options.onProgress(index + 1);
  }
  const stages = Object.fromEntries(STAGE_NAMES.map((stage) => [stage, stageFigures(timings, stage)])) as Record<StageName, StageFigures>;
  const kinds = [...new Set(timings.map((timing) => timing.kind))].sort();
  const pipelineByKind = Object.fromEntries(
    kinds.map((kind) => [kind, stageFigures(timings.filter((timing) => timing.kind === kind), 'pipeline')]),
  );
  return {
    documents: timings.length,
    failed,
    stages,
    pipelineByKind,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    timings,
  };
}

/**
 * The queue's per-résumé work done in-process the way the CLI does it (src/pipeline/screen-file.ts):
 * detect, extract and finish in a budgeted ExtractThreadPool thread (one thread, as a worker
 * process pinned to one core has), then tag, report build and JSON on this thread. CPU of the
 * whole process (the extraction thread and V8's helper threads included) per document, one
 * document in flight, after one unmeasured pass. The stage timings above parse on the calling
 * thread instead, which is cheaper: the difference is what the budget's thread costs, and the
 * queue pays it only because the CLI does too.
 */
export async function runThreadedInProcess(
  documents: readonly DocumentInput[],
  profile: Profile,
  pinCore?: string,
): Promise<{ documents: number; cpuMsPerDocument: number; pinnedCore: string | null }> {
  // Pinned like the 1-worker queue run (taskset, core 0): one core shared by this thread, the
  // extraction thread and V8's helpers costs ≈ 0.5–1 ms more per résumé than two cores would, and
  // that is not the queue's doing either.
  const unpin = pinCore === undefined ? undefined : pinThisProcess(pinCore);
  const pool = new ExtractThreadPool({ size: 1 });
  try {
    const screen = async (input: DocumentInput): Promise<void> => {
      const { report } = await screenFile({ fileName: input.fileName, bytes: input.bytes }, profile, { budget: pool });
      renderJson(report);
    };
    for (const document of documents) await screen(document);
    const start = process.cpuUsage();
    for (const document of documents) await screen(document);
    const used = process.cpuUsage(start);
    return {
      documents: documents.length,
      cpuMsPerDocument: documents.length === 0 ? 0 : (used.user + used.system) / 1000 / documents.length,
      pinnedCore: unpin ? (pinCore ?? null) : null,
    };
  } finally {
    await pool.close();
    unpin?.();
  }
}

/**
 * Pins every thread of this process, and the threads it starts meanwhile, to `core`; returns how
 * to restore the previous mask, or undefined when taskset is unavailable (then nothing is pinned).
 */
function pinThisProcess(core: string): (() => void) | undefined {
  const pid = String(process.pid);
  try {
    const previous = /affinity mask:\s*([0-9a-f,]+)/i.exec(execFileSync('taskset', ['-p', pid], { encoding: 'utf8' }))?.[1];
    if (!previous) return undefined;
    execFileSync('taskset', ['-a', '-p', '-c', core, pid], { stdio: 'ignore' });
    return () => execFileSync('taskset', ['-a', '-p', previous, pid], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
}
