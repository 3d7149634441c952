import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runThreadedInProcess, STAGE_NAMES } from '../../../bench/in-process';
import { defaultProfile } from '../../../src/profile/load-profile';
import { runBench } from '../../../bench/run-bench';

/** The in-process part of `npm run bench` on a tiny generated corpus. No timing is asserted. */
describe('bench (in-process part)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-smoke-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes JSON with wall and CPU mean/p95 for every stage of every document', async () => {
    const jsonPath = path.join(dir, 'bench.json');
    await runBench({
      n: 6,
      seed: 7,
      cacheDir: path.join(dir, 'corpus'),
      jsonPath,
      comparisons: false,
      queue: false,
      workers: [1],
      workerConcurrency: 1,
      pin: false,
      scale: false,
      scaleN: 0,
      redisUrl: 'redis://127.0.0.1:6379',
      log: () => undefined,
    });
    const written = JSON.parse(await readFile(jsonPath, 'utf8')) as {
      corpus: { documents: number };
      inProcess: { documents: number; failed: unknown[]; stages: Record<string, { wallMs: Record<string, unknown>; cpuMs: Record<string, unknown> }> };
      targets: Array<{ id: string; status: string }>;
    };
    expect(written.corpus.documents).toBe(6);
    // Every synthetic résumé is readable: all six are timed, none failed.
    expect(written.inProcess.failed).toEqual([]);
    expect(written.inProcess.documents).toBe(6);
    expect(Object.keys(written.inProcess.stages).sort()).toEqual([...STAGE_NAMES].sort());
    for (const stage of STAGE_NAMES) {
      const figures = written.inProcess.stages[stage];
      for (const measure of [figures?.wallMs, figures?.cpuMs]) {
        expect(measure?.count).toBe(6);
        for (const statistic of ['mean', 'p95']) {
          expect(typeof measure?.[statistic]).toBe('number');
          expect(Number.isFinite(measure?.[statistic])).toBe(true);
        }
      }
    }
    // The queue and reference parts were not run, so their targets say SKIPPED rather than PASS.
    expect(written.targets.find((target) => target.id === 'queue-overhead')?.status).toBe('SKIPPED');
    expect(written.targets.find((target) => target.id === 'cpu-vs-getText')?.status).toBe('SKIPPED');
  });
});

/** The CPUs this process may run on (its affinity), as the kernel lists them. */
async function allowedCpus(): Promise<string | undefined> {
  return /Cpus_allowed_list:\s*(\S+)/.exec(await readFile('/proc/self/status', 'utf8'))?.[1];
}

/** The queue's overhead baseline: the same work in-process, extraction in a budgeted thread. */
describe('bench (threaded in-process baseline)', () => {
  it('screens every document through an extraction thread and reports CPU per document, pinned when asked', async () => {
    const folder = path.join(__dirname, '../../../fixtures/resumes');
    const names = (await readdir(folder)).filter((name) => /\.(pdf|docx|txt)$/.test(name)).slice(0, 4);
    const documents = await Promise.all(
      names.map(async (fileName) => ({ fileName, kind: path.extname(fileName).slice(1), bytes: new Uint8Array(await readFile(path.join(folder, fileName))) })),
    );
    const affinityBefore = await allowedCpus();
    const result = await runThreadedInProcess(documents, defaultProfile(), '0');
    expect(result.documents).toBe(documents.length);
    expect(result.cpuMsPerDocument).toBeGreaterThan(0);
    // taskset is part of util-linux; where it is missing the pass runs unpinned and says so.
    expect([null, '0']).toContain(result.pinnedCore);
    // Whatever happened, the process gets its previous affinity back.
    const affinityAfter = await allowedCpus();
    expect(affinityAfter).toBe(affinityBefore);
  }, 60_000);
});
