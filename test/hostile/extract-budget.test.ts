import { operatorBombPage, rawPdf } from '../../fixtures/hostile/raw-pdf';
import { ExtractThreadPool } from '../../src/extract/budget/extract-pool';
import { extractDocument } from '../../src/extract/extract';
import { FileError } from '../../src/errors';
import { screenFile } from '../../src/pipeline/screen-file';
import { defaultProfile } from '../../src/profile/load-profile';
import { hostileFile } from './hostile-helpers';

describe('ExtractThreadPool (the per-file time and memory budget)', () => {
  const pools: ExtractThreadPool[] = [];
  const newPool = (...args: ConstructorParameters<typeof ExtractThreadPool>): ExtractThreadPool => {
    const pool = new ExtractThreadPool(...args);
    pools.push(pool);
    return pool;
  };
  afterAll(() => Promise.all(pools.map((pool) => pool.close())));

  it('gives the same document as extracting on the calling thread, reusing one thread across files', async () => {
    const pool = newPool({ size: 1 });
    for (const name of ['clean.pdf', 'clean.docx', 'clean.txt', 'hidden-text.pdf']) {
      const file = hostileFile(name);
      expect(await pool.extract(file.bytes)).toEqual(await extractDocument(file.bytes));
      expect(pool.threadCount).toBe(1);
    }
  });

  it('stops a thread stuck in a synchronous loop with EXTRACTION_TIMEOUT, then reads the next file on a fresh thread', async () => {
    const pool = newPool({ size: 1, timeoutMs: 500 });
    const file = hostileFile('clean.txt');
    await pool.extract(file.bytes); // thread started: the budget counts parsing, not start-up
    const started = Date.now();
    // TEST ONLY knob: the thread blocks (Atomics.wait), so its own event loop cannot end it.
    await expect(pool.extract(file.bytes, { testBlockMs: 10_000 })).rejects.toMatchObject({ name: 'FileError', code: 'EXTRACTION_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await pool.extract(file.bytes)).lines.length).toBeGreaterThan(5);
  });

  it('stops a genuinely pathological PDF (a 20 KB operator bomb) with EXTRACTION_TIMEOUT', async () => {
    const pool = newPool({ size: 1, timeoutMs: 1_000 });
    const error: unknown = await pool.extract(hostileFile('operator-bomb.pdf').bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ code: 'EXTRACTION_TIMEOUT', message: expect.stringContaining('1 s') });
  });

  it('turns a thread out of heap (ERR_WORKER_OUT_OF_MEMORY) into TOO_COMPLEX and keeps the process alive', async () => {
    const pool = newPool({ size: 1, maxOldGenerationSizeMb: 64, timeoutMs: 30_000 });
    // ~100 KB compressed, a million text operators: far more than 64 MB of pdf.js objects.
    const bomb = rawPdf([operatorBombPage(1_000_000)]);
    await expect(pool.extract(bomb)).rejects.toMatchObject({ name: 'FileError', code: 'TOO_COMPLEX' });
    expect((await pool.extract(hostileFile('clean.pdf').bytes)).format).toBe('pdf');
  }, 30_000);

  it('queues files beyond its size and runs them all, leaving the callers\' bytes intact', async () => {
    const pool = newPool({ size: 2 });
    const files = ['clean.pdf', 'clean.docx', 'clean.txt', 'hidden-text.docx', 'instructions.txt'].map(hostileFile);
    const copies = files.map((file) => Buffer.from(file.bytes));
    const documents = await Promise.all(files.map((file) => pool.extract(file.bytes)));
    expect(documents.map((document) => document.format)).toEqual(['pdf', 'docx', 'txt', 'docx', 'txt']);
    expect(pool.threadCount).toBeLessThanOrEqual(2);
    files.forEach((file, index) => expect(Buffer.from(file.bytes).equals(copies[index]!)).toBe(true));
  });

  it('lets screenFile run without the thread (budget: false) with the same report', async () => {
    const file = hostileFile('hidden-text.pdf');
    const pool = newPool({ size: 1 });
    const inThread = await screenFile(file, defaultProfile(), { budget: pool });
    const inline = await screenFile(file, defaultProfile(), { budget: false });
    expect(inThread.report).toEqual(inline.report);
  });
});
