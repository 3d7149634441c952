/**
 * The benchmark of the issue "Benchmark and speed":
 *
 *   npm run bench -- [--corpus <dir>] [--n <count>] [--json <file>] [--no-queue] [--scale]
 *
 * In-process stage timings (wall and CPU per document), pdf-parse getText() and pdftotext side by
 * side on the same PDFs, the same corpus through BullMQ with 1 and 2 worker processes, and with
 * --scale 10,000 documents through the queue. Prints a table and PASS/MISS per target, writes JSON.
 * Timing is checked here, never in unit tests.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import Table from 'cli-table3';
import { defaultProfile } from '../src/profile/load-profile';
import { pdftotextVersion, runPairedPdfPasses, runPdftotextPipeline, type ReferenceResult, type Skipped } from './comparisons';
import { DEFAULT_CORPUS_DIR, DEFAULT_SEED, generateCorpus, type CorpusFile } from './generate-corpus';
import { QUEUE_EQUIVALENT_STAGES, runInProcess, runThreadedInProcess, STAGE_DESCRIPTIONS, STAGE_NAMES, stageFigures, type DocumentInput, type InProcessResult } from './in-process';
import type { QueueBenchResult, ScaleResult } from './queue-bench';
import { ratio, round, summarise } from './stats';
import { checkTarget, type TargetCheck } from './targets';

export interface BenchOptions {
  /** A folder of real files; default: the generated corpus. */
  corpusDir?: string;
  /** Documents to use (default 200; a real corpus is used whole when smaller). */
  n: number;
  seed: number;
  /** Where generated documents are cached (default bench/.corpus). */
  cacheDir: string;
  jsonPath?: string;
  comparisons: boolean;
  queue: boolean;
  /** Worker-process counts to run through BullMQ (default [1, 2]). */
  workers: number[];
  workerConcurrency: number;
  /** Pin worker process i to core i (taskset), so "1 worker" means one core and 2 workers two. */
  pin: boolean;
  scale: boolean;
  scaleN: number;
  redisUrl: string;
  log: (line: string) => void;
}

export interface BenchResult {
  schemaVersion: 1;
  startedAt: string;
  durationSeconds: number;
  machine: { nproc: number; cpuModel: string; node: string; platform: string; memoryGiB: number; pdftotext: string | null };
  corpus: { source: string; seed: number | null; documents: number; byKind: Record<string, number>; pdfs: number; pdfPages: number; bytes: number };
  inProcess: Omit<InProcessResult, 'timings'> & { stageDescriptions: Record<string, string>; firstVsLastThousand?: { firstMsPerDoc: number; lastMsPerDoc: number; ratio: number | null } };
  comparison: {
    pdfs: number;
    ourPipelineOnPdfs: { wallMs: ReturnType<typeof summarise>; cpuMs: ReturnType<typeof summarise>; resumesPerCpuSecond: number };
    ourExtractOnPdfs: { cpuMs: ReturnType<typeof summarise> };
    pdfParseGetText: ReferenceResult | Skipped;
    pdftotextPipeline: ReferenceResult | Skipped;
    ratios: { pipelineCpuOverGetText: number | null; extractCpuOverGetText: number | null; resumesPerCpuSecondOverPdftotext: number | null };
    /** Our pipeline / getText() CPU in each pair of alternating passes (the spread behind the ratio). */
    pipelineOverGetTextPerPass: number[];
    /** Our pipeline / getText() CPU per PDF kind (standard fonts, embedded fonts, two columns, …). */
    pipelineOverGetTextByKind: Record<string, number | null>;
  };
  queue: QueueBenchResult | Skipped;
  scale: ScaleResult | Skipped;
  targets: TargetCheck[];
}

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(full)));
    else if (entry.isFile() && !entry.name.startsWith('.')) found.push(full);
  }
  return found.sort();
}

async function loadCorpus(options: BenchOptions, count: number): Promise<{ source: string; files: CorpusFile[] }> {
  if (options.corpusDir) {
    const paths = (await listFiles(options.corpusDir)).slice(0, count);
    if (paths.length === 0) throw new Error(`--corpus ${options.corpusDir}: no files found; point it at a folder of résumés.`);
    return {
      source: path.resolve(options.corpusDir),
      files: paths.map((file) => ({ path: file, fileName: path.basename(file), kind: path.extname(file).slice(1).toLowerCase() || 'other' })),
    };
  }
  options.log(`Generating/reusing ${count} synthetic documents (seed ${options.seed}) in ${options.cacheDir} …`);
  return { source: 'generated', files: await generateCorpus({ count, seed: options.seed, dir: options.cacheDir, onProgress: (done) => options.log(`  ${done} documents ready`) }) };
}

export async function readDocuments(files: readonly CorpusFile[]): Promise<DocumentInput[]> {
  return Promise.all(files.map(async (file) => ({ fileName: file.fileName, kind: file.kind, bytes: new Uint8Array(await readFile(file.path)) })));
}

function machineInfo(): BenchResult['machine'] {
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    pdftotext: pdftotextVersion() ?? null,
  };
}

function isSkipped(value: object): value is Skipped {
  return 'skipped' in value;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  const profile = defaultProfile();
  const { source, files } = await loadCorpus(options, options.n);
  const documents = await readDocuments(files);
  const byKind: Record<string, number> = {};
  for (const document of documents) byKind[document.kind] = (byKind[document.kind] ?? 0) + 1;

  options.log(`In-process stages on ${documents.length} documents …`);
  const inProcess = await runInProcess(documents, profile, { onProgress: (done) => options.log(`  ${done}/${documents.length}`) });
  const pdfTimings = inProcess.timings.filter((timing) => timing.format === 'pdf');
  const pdfNames = new Set(pdfTimings.map((timing) => timing.fileName));
  const pdfs = documents.filter((document) => pdfNames.has(document.fileName));

  let getText: ReferenceResult | Skipped = { skipped: 'no PDF in the corpus' };
  let pdftotext: ReferenceResult | Skipped = { skipped: 'no PDF in the corpus' };
  // Without comparisons, our figures come from the mixed in-process run.
  let ourPipeline = { ...stageFigures(pdfTimings, 'pipeline'), extractCpuMs: stageFigures(pdfTimings, 'extract').cpuMs };
  let perPass: number[] = [];
  const ratioByKind: Record<string, number | null> = {};
  if (!options.comparisons) {
    getText = pdftotext = { skipped: 'comparisons turned off (--no-comparisons)' };
  } else if (pdfs.length > 0) {
    options.log(`Our pipeline and pdf-parse getText() alone, alternating passes over the same ${pdfs.length} PDFs …`);
    const paired = await runPairedPdfPasses(pdfs, profile);
    getText = paired.getText;
    ourPipeline = paired.ours;
    perPass = paired.ratioPerPass;
    for (const kind of [...new Set(pdfs.map((pdf) => pdf.kind))].sort()) {
      const ofKind = await runPairedPdfPasses(pdfs.filter((pdf) => pdf.kind === kind), profile, 2);
      ratioByKind[kind] = ratio(ofKind.ours.cpuMs.mean, ofKind.getText.cpuMs.mean);
    }
    options.log(`pdftotext + the same tagger and report on the same PDFs …`);
    pdftotext = runPdftotextPipeline(pdfs, profile);
    if (isSkipped(pdftotext)) options.log(`  skipped: ${pdftotext.skipped}`);
  }
  const ourPerCpuSecond = ourPipeline.cpuMs.mean === 0 ? 0 : round(1000 / ourPipeline.cpuMs.mean, 1);
  const comparison: BenchResult['comparison'] = {
    pdfs: pdfs.length,
    ourPipelineOnPdfs: { wallMs: ourPipeline.wallMs, cpuMs: ourPipeline.cpuMs, resumesPerCpuSecond: ourPerCpuSecond },
    ourExtractOnPdfs: { cpuMs: ourPipeline.extractCpuMs },
    pdfParseGetText: getText,
    pdftotextPipeline: pdftotext,
    ratios: {
      pipelineCpuOverGetText: isSkipped(getText) ? null : ratio(ourPipeline.cpuMs.mean, getText.cpuMs.mean),
      extractCpuOverGetText: isSkipped(getText) ? null : ratio(ourPipeline.extractCpuMs.mean, getText.cpuMs.mean),
      resumesPerCpuSecondOverPdftotext: isSkipped(pdftotext) ? null : ratio(ourPerCpuSecond, pdftotext.resumesPerCpuSecond),
    },
    pipelineOverGetTextPerPass: perPass,
    pipelineOverGetTextByKind: ratioByKind,
  };

  const queueEquivalentCpuMs = inProcess.timings.length === 0
    ? 0
    : inProcess.timings.reduce((sum, timing) => sum + QUEUE_EQUIVALENT_STAGES.reduce((inner, stage) => inner + timing.cpuMs[stage], 0), 0) / inProcess.timings.length;
  let queue: QueueBenchResult | Skipped = { skipped: 'turned off (--no-queue)' };
  let scale: ScaleResult | Skipped = { skipped: 'not requested (add --scale)' };
  if (options.queue || options.scale) {
    const { runQueueBench, runScaleBench } = await import('./queue-bench');
    if (options.queue) {
      options.log(`The same work in-process with extraction in a budgeted thread, as the CLI runs it (the queue's baseline) …`);
      const threaded = await runThreadedInProcess(documents, profile, options.pin ? '0' : undefined);
      queue = await runQueueBench({
        documents,
        redisUrl: options.redisUrl,
        workerCounts: options.workers,
        workerConcurrency: options.workerConcurrency,
        pin: options.pin,
        inProcessCpuMsPerResume: round(queueEquivalentCpuMs),
        inProcessThreadedCpuMsPerResume: round(threaded.cpuMsPerDocument),
        inProcessThreadedPinnedCore: threaded.pinnedCore,
        log: options.log,
      });
    }
    if (options.scale) {
      const { files: scaleFiles } = await loadCorpus({ ...options, corpusDir: options.corpusDir }, options.scaleN);
      scale = await runScaleBench({
        files: scaleFiles,
        redisUrl: options.redisUrl,
        workers: Math.max(...options.workers, 1),
        workerConcurrency: options.workerConcurrency,
        pin: options.pin,
        log: options.log,
      });
    }
  }

  const { timings, ...inProcessFigures } = inProcess;
  const result: BenchResult = {
    schemaVersion: 1,
    startedAt: new Date(started).toISOString(),
    durationSeconds: round((Date.now() - started) / 1000, 1),
    machine: machineInfo(),
    corpus: {
      source,
      seed: options.corpusDir ? null : options.seed,
      documents: documents.length,
      byKind,
      pdfs: pdfs.length,
      pdfPages: pdfTimings.reduce((sum, timing) => sum + timing.pages, 0),
      bytes: documents.reduce((sum, document) => sum + document.bytes.byteLength, 0),
    },
    inProcess: { ...inProcessFigures, stageDescriptions: STAGE_DESCRIPTIONS, ...firstVsLast(timings.map((timing) => timing.wallMs.pipeline)) },
    comparison,
    queue,
    scale,
    targets: [],
  };
  result.targets = checkTargets(result);
  if (options.jsonPath) {
    await mkdir(path.dirname(path.resolve(options.jsonPath)), { recursive: true });
    await writeFile(options.jsonPath, `${JSON.stringify(result, null, 2)}\n`);
  }
  return result;
}

function firstVsLast(pipelineMs: number[]): { firstVsLastThousand?: { firstMsPerDoc: number; lastMsPerDoc: number; ratio: number | null } } {
  if (pipelineMs.length < 2000) return {};
  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  const first = mean(pipelineMs.slice(0, 1000));
  const last = mean(pipelineMs.slice(-1000));
  return { firstVsLastThousand: { firstMsPerDoc: round(first), lastMsPerDoc: round(last), ratio: ratio(last, first) } };
}

export function checkTargets(result: BenchResult): TargetCheck[] {
  const { ratios } = result.comparison;
  const queue = isSkipped(result.queue) ? undefined : result.queue;
  const scale = isSkipped(result.scale) ? undefined : result.scale;
  return [
    checkTarget({
      id: 'cpu-vs-getText',
      description: 'Whole pipeline CPU (extract with column order + hidden text, tag, report build + JSON/MD/HTML) vs pdf-parse getText() alone, same PDFs',
      limit: 1.15,
      measured: ratios.pipelineCpuOverGetText,
      direction: 'max',
      unit: '×',
    }),
    checkTarget({
      id: 'throughput-vs-pdftotext',
      description: 'Résumés per CPU-second vs a pdftotext + same tagger pipeline, same PDFs',
      limit: 0.8,
      measured: ratios.resumesPerCpuSecondOverPdftotext,
      direction: 'min',
      unit: '×',
      ...(isSkipped(result.comparison.pdftotextPipeline) ? { note: result.comparison.pdftotextPipeline.skipped } : {}),
    }),
    checkTarget({
      id: 'queue-overhead',
      description: 'Queue overhead (BullMQ + Redis + storage + producer) as a share of CPU per résumé, 1 worker process, over the same work in-process with its extraction thread (as the CLI runs it)',
      limit: 5,
      measured: queue?.runs[0]?.overheadPercent ?? null,
      direction: 'max',
      unit: '%',
      ...(queue?.runs[0] ? { note: `over stages parsed on the calling thread (thread cost counted too): ${queue.runs[0].overheadOverMainThreadStages.percent} %` } : {}),
    }),
    checkTarget({
      id: 'two-workers-scaling',
      description: '2 worker processes on 2 cores vs 1 (résumés per second)',
      limit: 1.8,
      measured: queue?.scalingTwoOverOne ?? null,
      direction: 'min',
      unit: '×',
    }),
    checkTarget({
      id: 'scale-last-vs-first-thousand',
      description: `${scale?.documents ?? 10000} documents: time per document of the last thousand vs the first`,
      limit: 1.1,
      measured: scale?.lastOverFirstThousand ?? null,
      direction: 'max',
      unit: '×',
    }),
    checkTarget({
      id: 'scale-peak-rss',
      description: 'Peak RSS per worker process (its extraction threads included; any child process counted on its own)',
      limit: 250,
      measured: scale ? scale.peakRssMb : (queue?.peakRssMb ?? null),
      direction: 'max',
      unit: 'MB',
      ...(scale ? {} : { note: 'from the default queue run (run --scale for 10,000 documents)' }),
    }),
    checkTarget({
      id: 'scale-redis-retention',
      description: 'Redis: no growth beyond the configured retention (every stored key has a TTL; finished-job sets within their caps)',
      limit: 0,
      measured: scale ? scale.redis.retentionViolations : null,
      direction: 'max',
      unit: 'violations',
    }),
  ];
}

const fmt = (value: number | null | undefined, digits = 2): string => (value === null || value === undefined ? '–' : value.toFixed(digits));

export function formatTables(result: BenchResult): string {
  const out: string[] = [];
  const m = result.machine;
  out.push(`Machine: ${m.nproc} × ${m.cpuModel}, Node ${m.node}, ${m.memoryGiB} GiB; pdftotext: ${m.pdftotext ?? 'not installed'}`);
  out.push(`Corpus: ${result.corpus.source}, ${result.corpus.documents} documents ${JSON.stringify(result.corpus.byKind)}, ${result.corpus.pdfs} PDFs with ${result.corpus.pdfPages} pages`);
  const stages = new Table({ head: ['stage (in-process, per document)', 'mean ms', 'p95 ms', 'CPU mean ms', 'CPU p95 ms'], style: { head: [] } });
  for (const stage of STAGE_NAMES) {
    const figures = result.inProcess.stages[stage];
    stages.push([stage, fmt(figures.wallMs.mean), fmt(figures.wallMs.p95), fmt(figures.cpuMs.mean), fmt(figures.cpuMs.p95)]);
  }
  out.push(stages.toString());
  const kinds = new Table({ head: ['pipeline by kind', 'docs', 'mean ms', 'p95 ms', 'CPU mean ms'], style: { head: [] } });
  for (const [kind, figures] of Object.entries(result.inProcess.pipelineByKind)) {
    kinds.push([kind, String(figures.wallMs.count), fmt(figures.wallMs.mean), fmt(figures.wallMs.p95), fmt(figures.cpuMs.mean)]);
  }
  out.push(kinds.toString());
  const c = result.comparison;
  const side = new Table({ head: [`same ${c.pdfs} PDFs`, 'wall mean ms', 'CPU ms / résumé', 'résumés / CPU-s'], style: { head: [] } });
  side.push(['our pipeline', fmt(c.ourPipelineOnPdfs.wallMs.mean), fmt(c.ourPipelineOnPdfs.cpuMs.mean), fmt(c.ourPipelineOnPdfs.resumesPerCpuSecond, 1)]);
  side.push(['our extract only', '', fmt(c.ourExtractOnPdfs.cpuMs.mean), '']);
  for (const [name, reference] of [['pdf-parse getText() alone', c.pdfParseGetText], ['pdftotext + same tagger/report', c.pdftotextPipeline]] as const) {
    if (isSkipped(reference)) side.push([name, `skipped: ${reference.skipped}`, '', '']);
    else side.push([name, fmt(reference.wallMs.mean), fmt(reference.totalCpuMsPerDocument), fmt(reference.resumesPerCpuSecond, 1)]);
  }
  out.push(side.toString());
  out.push(
    `Ratios: pipeline CPU / getText CPU = ${fmt(c.ratios.pipelineCpuOverGetText)}; extract CPU / getText CPU = ${fmt(c.ratios.extractCpuOverGetText)}; our résumés per CPU-s / pdftotext pipeline's = ${fmt(c.ratios.resumesPerCpuSecondOverPdftotext)}`,
  );
  if (c.pipelineOverGetTextPerPass.length > 0) {
    const kinds = Object.entries(c.pipelineOverGetTextByKind).map(([kind, value]) => `${kind} ${fmt(value)}`).join(', ');
    out.push(`Pipeline / getText per pass: ${c.pipelineOverGetTextPerPass.map((value) => fmt(value)).join(', ')}; by PDF kind: ${kinds}`);
  }
  if (isSkipped(result.queue)) out.push(`Queue: skipped (${result.queue.skipped})`);
  else {
    const q = new Table({
      head: ['BullMQ', 'résumés/s', 'CPU ms/résumé (workers+Redis+producer)', 'Redis CPU ms/résumé', 'overhead ms/résumé', 'overhead %', 'latency p50 ms', 'p99 ms', 'at rate /s', 'peak RSS MB'],
      style: { head: [] },
    });
    for (const run of result.queue.runs) {
      q.push([
        `${run.workers} worker process${run.workers > 1 ? 'es' : ''}${run.pinnedCores ? ` (cores ${run.pinnedCores})` : ''}`,
        fmt(run.resumesPerSecond, 1),
        `${fmt(run.cpuMsPerResume.total)} (${fmt(run.cpuMsPerResume.workers)}+${fmt(run.cpuMsPerResume.redis)}+${fmt(run.cpuMsPerResume.producer)})`,
        fmt(run.cpuMsPerResume.redis),
        fmt(run.overheadMsPerResume),
        fmt(run.overheadPercent, 1),
        fmt(run.latency.p50),
        fmt(run.latency.p99),
        fmt(run.latencyRate, 1),
        `${fmt(run.peakRssMb.worker, 0)} / ${fmt(run.peakRssMb.sandbox, 0)}`,
      ]);
    }
    out.push(q.toString());
    out.push(
      `Queue: in-process CPU of the same work ${fmt(result.queue.inProcessThreadedCpuMsPerResume)} ms/résumé with its extraction thread${result.queue.inProcessThreadedPinnedCore === null ? '' : ` pinned to core ${result.queue.inProcessThreadedPinnedCore}`} (the overhead baseline), ${fmt(result.queue.inProcessCpuMsPerResume)} ms/résumé parsed on the calling thread; 2 workers / 1 worker = ${fmt(result.queue.scalingTwoOverOne)}×`,
    );
    out.push(`  overhead over calling-thread stages: ${result.queue.runs.map((run) => `${run.workers} worker(s) ${fmt(run.overheadOverMainThreadStages.msPerResume)} ms, ${fmt(run.overheadOverMainThreadStages.percent, 1)} %`).join('; ')}`);
  }
  if (isSkipped(result.scale)) out.push(`Scale: skipped (${result.scale.skipped})`);
  else {
    const s = result.scale;
    out.push(
      `Scale: ${s.documents} documents, ${s.workers} workers: first thousand ${fmt(s.firstThousandMsPerDoc)} ms/doc, last ${fmt(s.lastThousandMsPerDoc)} ms/doc (×${fmt(s.lastOverFirstThousand)}); worker CPU ${fmt(s.firstThousandCpuMsPerDoc)} → ${fmt(s.lastThousandCpuMsPerDoc)} ms/doc (×${fmt(s.lastOverFirstThousandCpu)}); peak RSS ${fmt(s.peakRssMb, 0)} MB; Redis used_memory ${fmt(s.redis.usedMemoryMbBefore, 1)} → ${fmt(s.redis.usedMemoryMbAfter, 1)} MB, ${s.redis.retentionViolations} retention violations`,
    );
    if (s.workerRssMbPerThousand.length > 0) {
      out.push(`  worker RSS MB after each thousand (now / peak so far): ${s.workerRssMbPerThousand.map((point) => `${fmt(point.rssMb, 0)}/${fmt(point.peakRssMb, 0)}`).join(', ')}`);
    }
  }
  const targets = new Table({ head: ['target', 'limit', 'measured', 'result'], style: { head: [] }, colWidths: [70, 12, 12, 40], wordWrap: true });
  for (const target of result.targets) {
    targets.push([target.description, `${target.direction === 'max' ? '≤' : '≥'} ${target.limit} ${target.unit}`, target.measured === null ? '–' : `${target.measured} ${target.unit}`, `${target.status}${target.missBy ? ` (${target.missBy})` : ''}${target.note ? `; ${target.note}` : ''}`]);
  }
  out.push(targets.toString());
  return out.join('\n');
}

function parseCount(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`expected a positive whole number, got "${value}"`);
  return parsed;
}

async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('bench')
    .description('Benchmark of resume-evidence: in-process stages, references, BullMQ workers, scale.')
    .option('--corpus <dir>', 'a folder of real résumés (default: the generated synthetic corpus)')
    .option('--n <count>', 'documents to use', parseCount, 200)
    .option('--json <file>', 'write the figures as JSON', 'bench-results/latest.json')
    .option('--seed <seed>', 'seed of the generated corpus', parseCount, DEFAULT_SEED)
    .option('--cache <dir>', 'where the generated corpus is kept', DEFAULT_CORPUS_DIR)
    .option('--no-comparisons', 'skip pdf-parse getText() and pdftotext')
    .option('--no-queue', 'skip the BullMQ runs')
    .option('--workers <list>', 'worker-process counts for the BullMQ runs', '1,2')
    .option('--worker-concurrency <n>', 'WORKER_CONCURRENCY of each worker process', parseCount, 2)
    .option('--no-pin', 'do not pin worker process i to core i with taskset (default: pinned when there are enough cores)')
    .option('--scale', '10,000 documents through the queue: first vs last thousand, peak RSS, Redis memory')
    .addOption(new Option('--scale-n <count>', 'documents of the --scale run').argParser(parseCount).default(10_000))
    .option('--redis <url>', 'Redis to use (default REDIS_URL or redis://127.0.0.1:6379)')
    .option('--worker-cpu-prof <dir>', 'write V8 CPU profiles of the worker processes (main threads) into <dir>')
    .option('--worker-node-flags <flags>', 'extra node/V8 flags for the worker processes, space-separated (e.g. "--single-threaded-gc")')
    .addOption(new Option('--workers-from <where>', 'start worker processes from TypeScript sources (tsx) or the compiled dist/ (npm run build first)').choices(['src', 'dist']).default('src'));
  program.parse(argv);
  const opts = program.opts<{
    corpus?: string; n: number; json: string; seed: number; cache: string; comparisons: boolean; queue: boolean;
    workers: string; workerConcurrency: number; pin: boolean; scale?: boolean; scaleN: number; redis?: string; workersFrom: 'src' | 'dist'; workerCpuProf?: string; workerNodeFlags?: string;
  }>();
  if (opts.queue || opts.scale) {
    const cluster = await import('./worker-cluster');
    cluster.useWorkerEntry(opts.workersFrom);
    const extraFlags = opts.workerNodeFlags ? opts.workerNodeFlags.split(/\s+/).filter(Boolean) : [];
    const profileFlags = opts.workerCpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opts.workerCpuProf)}`] : [];
    cluster.useWorkerNodeFlags([...extraFlags, ...profileFlags]);
  }
  const workers = opts.workers.split(',').map((part) => parseCount(part.trim()));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  if (opts.corpus && !(await stat(opts.corpus).catch(() => undefined))?.isDirectory()) {
    throw new Error(`--corpus ${opts.corpus}: not a folder; give a folder of résumé files.`);
  }
  const result = await runBench({
    ...(opts.corpus ? { corpusDir: opts.corpus } : {}),
    n: opts.n,
    seed: opts.seed,
    cacheDir: opts.cache,
    jsonPath: opts.json,
    comparisons: opts.comparisons,
    queue: opts.queue,
    workers,
    workerConcurrency: opts.workerConcurrency,
    pin: opts.pin,
    scale: opts.scale === true,
    scaleN: opts.scaleN,
    // The bench is a dev tool run by hand; this is its one read of the environment.
    redisUrl: opts.redis ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    log,
  });
  process.stdout.write(`${formatTables(result)}\n`);
  process.stdout.write(`JSON: ${opts.json}\n`);
}

if (require.main === module) {
  main(process.argv).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
