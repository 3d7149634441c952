import { execFileSync, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { PDFParse, restoreNativeBuiltins } from '../src/extract/pdf-parse-module';
import { finish } from '../src/extract/extract';
import { extractPlainText } from '../src/extract/text';
import { tagEvidence } from '../src/evidence/tag-evidence';
import type { Profile } from '../src/profile/profile.schema';
import { buildReport, describeSource } from '../src/report/build-report';
import { renderHtml } from '../src/report/render-html';
import { renderJson } from '../src/report/render-json';
import { renderMarkdown } from '../src/report/render-markdown';
import { timeDocument, type DocumentInput } from './in-process';
import { reapedChildrenCpuMs } from './process-usage';
import { round, summarise, type Summary } from './stats';

/** Side-by-side references on the same PDFs: what our pipeline is compared with. */
export interface ReferenceResult {
  documents: number;
  wallMs: Summary;
  /** Per-document CPU of this process (for pdftotext: without the pdftotext child). */
  cpuMs: Summary;
  /** All CPU per document, children included (pdftotext's own CPU, from /proc, 10 ms ticks). */
  totalCpuMsPerDocument: number;
  resumesPerCpuSecond: number;
}

export type Skipped = { skipped: string };

function cpuNow(): NodeJS.CpuUsage {
  return process.cpuUsage();
}
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function referenceResult(wall: number[], cpu: number[], totalCpuMs: number): ReferenceResult {
  const perDocument = wall.length === 0 ? 0 : totalCpuMs / wall.length;
  return {
    documents: wall.length,
    wallMs: summarise(wall),
    cpuMs: summarise(cpu),
    totalCpuMsPerDocument: round(perDocument),
    resumesPerCpuSecond: round(perDocument === 0 ? 0 : 1000 / perDocument, 1),
  };
}

async function getTextOnce(bytes: Uint8Array): Promise<number> {
  const parser = new PDFParse({ data: bytes.slice() });
  try {
    const text = (await parser.getText()).text.length;
    // As extractPdf does, so both sides run with V8's own push and JSON.parse (pdf-parse-module.ts).
    restoreNativeBuiltins();
    return text;
  } finally {
    await parser.destroy();
  }
}

/** Our whole pipeline on the same PDFs, measured exactly like getText() beside it. */
export interface OurPdfResult {
  documents: number;
  wallMs: Summary;
  /** detect + extract + tag + report build + JSON/Markdown/HTML, per document. */
  cpuMs: Summary;
  extractCpuMs: Summary;
  resumesPerCpuSecond: number;
}

export interface PairedPasses {
  passes: number;
  ours: OurPdfResult;
  getText: ReferenceResult;
  /** Our pipeline CPU / getText CPU, per pair of passes: the spread of the ratio. */
  ratioPerPass: number[];
}

/**
 * Our pipeline and pdf-parse's getText() (no positions, no column order, no hidden-text check)
 * on the same PDFs, in alternating passes (ours, getText, getText, ours, …) after one warm-up
 * pass of each. Both sides see only these PDFs in these passes: timing ours inside the mixed
 * in-process run charged it with collecting the DOCX parser's garbage (process CPU includes the
 * GC threads), and whichever side runs first or last would get the machine's drift.
 */
export async function runPairedPdfPasses(pdfs: readonly DocumentInput[], profile: Profile, passes = 4): Promise<PairedPasses> {
  for (const pdf of pdfs) await getTextOnce(pdf.bytes);
  for (const pdf of pdfs) await timeDocument(pdf, profile);
  const ours = { wall: [] as number[], cpu: [] as number[], extract: [] as number[] };
  const theirs = { wall: [] as number[], cpu: [] as number[] };
  const ratioPerPass: number[] = [];
  const oursPass = async (): Promise<number> => {
    let cpu = 0;
    for (const pdf of pdfs) {
      const timing = await timeDocument(pdf, profile);
      ours.wall.push(timing.wallMs.pipeline);
      ours.cpu.push(timing.cpuMs.pipeline);
      ours.extract.push(timing.cpuMs.extract);
      cpu += timing.cpuMs.pipeline;
    }
    return cpu;
  };
  const getTextPass = async (): Promise<number> => {
    let cpu = 0;
    for (const pdf of pdfs) {
      const start = cpuNow();
      const started = performance.now();
      await getTextOnce(pdf.bytes);
      theirs.wall.push(performance.now() - started);
      const used = cpuMsSince(start);
      theirs.cpu.push(used);
      cpu += used;
    }
    return cpu;
  };
  for (let pass = 0; pass < passes; pass++) {
    let mine: number;
    let reference: number;
    if (pass % 2 === 0) {
      mine = await oursPass();
      reference = await getTextPass();
    } else {
      reference = await getTextPass();
      mine = await oursPass();
    }
    ratioPerPass.push(round(mine / reference));
  }
  const oursCpu = summarise(ours.cpu);
  return {
    passes,
    ours: {
      documents: pdfs.length,
      wallMs: summarise(ours.wall),
      cpuMs: oursCpu,
      extractCpuMs: summarise(ours.extract),
      resumesPerCpuSecond: round(oursCpu.mean === 0 ? 0 : 1000 / oursCpu.mean, 1),
    },
    getText: referenceResult(theirs.wall, theirs.cpu, theirs.cpu.reduce((sum, value) => sum + value, 0)),
    ratioPerPass,
  };
}

export function pdftotextVersion(): string | undefined {
  const result = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  return `${result.stderr}${result.stdout}`.split('\n')[0]?.trim();
}

/**
 * pdftotext (poppler, native) in reading order, then the same text path, tagger and report as
 * ours: what a "shell out to poppler" design would cost. No hidden-text check is possible there.
 */
export function runPdftotextPipeline(pdfs: readonly DocumentInput[], profile: Profile, warmup = 3): ReferenceResult | Skipped {
  if (pdftotextVersion() === undefined) {
    return { skipped: 'pdftotext is not installed (Debian: apt-get install -y poppler-utils)' };
  }
  const once = (pdf: DocumentInput): void => {
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-q', '-', '-'], { input: pdf.bytes, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const document = finish('txt', extractPlainText(text, 'txt'));
    const evidence = tagEvidence(document, profile);
    const report = buildReport({ source: describeSource({ fileName: pdf.fileName, bytes: pdf.bytes }), profile, document, evidence });
    renderJson(report);
    renderMarkdown(report);
    renderHtml(report);
  };
  for (const pdf of pdfs.slice(0, warmup)) once(pdf);
  const wall: number[] = [];
  const cpu: number[] = [];
  const childrenBefore = reapedChildrenCpuMs();
  for (const pdf of pdfs) {
    const start = cpuNow();
    const started = performance.now();
    once(pdf);
    wall.push(performance.now() - started);
    cpu.push(cpuMsSince(start));
  }
  const childrenCpu = reapedChildrenCpuMs() - childrenBefore;
  return referenceResult(wall, cpu, cpu.reduce((sum, value) => sum + value, 0) + childrenCpu);
}
