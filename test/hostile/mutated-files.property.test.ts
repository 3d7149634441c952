import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { ExtractThreadPool } from '../../src/extract/budget/extract-pool';
import { ERROR_CODES, FileError } from '../../src/errors';
import { tagEvidence } from '../../src/evidence/tag-evidence';
import { defaultProfile } from '../../src/profile/load-profile';

/**
 * Random and mutated files through extract (in the budgeted thread) and tag: whatever the bytes,
 * the outcome is a document that tags without throwing, or a FileError with a known code, never
 * INTERNAL, never a crash, never a hang (each call is bounded by the 3 s budget). Seeds are fixed
 * so a failure reproduces; fast-check prints the seed and the shrunk input.
 */
const RESUMES = join(__dirname, '../../fixtures/resumes');
const seeds = readdirSync(RESUMES)
  .filter((name) => /\.(pdf|docx|txt|md)$/.test(name) && !name.startsWith('zz-'))
  .map((name) => new Uint8Array(readFileSync(join(RESUMES, name))));

const KNOWN_FILE_CODES = new Set<string>(Object.values(ERROR_CODES).filter((code) => code !== 'INTERNAL'));
const profile = defaultProfile();
const pool = new ExtractThreadPool({ size: 2, timeoutMs: 3_000 });
afterAll(() => pool.close());

/** What must hold for any input. */
async function checkOutcome(bytes: Uint8Array): Promise<void> {
  let document;
  try {
    document = await pool.extract(bytes);
  } catch (error) {
    if (!(error instanceof FileError) || !KNOWN_FILE_CODES.has(error.code)) {
      throw new Error(`expected a FileError with a known code, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    return;
  }
  const evidence = tagEvidence(document, profile);
  expect(evidence.requirements.length).toBe(profile.requirements.length);
}

const seed = fc.constantFrom(...seeds);

type Mutation =
  | { kind: 'truncate'; fraction: number }
  | { kind: 'flip'; positions: number[]; bits: number[] }
  | { kind: 'insert'; at: number; bytes: number[] };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    positions: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 16 }),
    bits: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 16, maxLength: 16 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }),
  }),
);

function mutate(original: Uint8Array, change: Mutation): Uint8Array {
  switch (change.kind) {
    case 'truncate':
      return original.slice(0, Math.floor(original.length * change.fraction));
    case 'flip': {
      const bytes = original.slice();
      change.positions.forEach((position, index) => {
        const at = Math.floor(position * bytes.length);
        bytes[at] = (bytes[at] ?? 0) ^ (1 << (change.bits[index] ?? 0));
      });
      return bytes;
    }
    case 'insert': {
      const at = Math.floor(change.at * original.length);
      return Uint8Array.from([...original.subarray(0, at), ...change.bytes, ...original.subarray(at)]);
    }
  }
}

/** A fixture DOCX with one part's content replaced by mutated bytes, re-zipped (valid ZIP, broken XML). */
async function corruptZipEntry(docx: Uint8Array, pick: number, change: Mutation): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]?.dir);
  const name = names[Math.floor(pick * names.length)] ?? 'word/document.xml';
  const content = await zip.file(name)!.async('uint8array');
  zip.file(name, mutate(content, change));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const docxSeeds = seeds.filter((bytes) => bytes[0] === 0x50 && bytes[1] === 0x4b);

describe('extract and tag on random and mutated files (property-based)', () => {
  it('never crash and only fail with a typed FileError, on mutated fixtures', async () => {
    await fc.assert(
      fc.asyncProperty(seed, mutation, async (bytes, change) => checkOutcome(mutate(bytes, change))),
      { numRuns: 700, seed: 20260101 },
    );
  }, 60_000);

  it('never crash on DOCX files whose parts were corrupted inside a valid ZIP', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...docxSeeds), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), mutation, async (docx, pick, change) =>
        checkOutcome(await corruptZipEntry(docx, pick, change)),
      ),
      { numRuns: 200, seed: 20260102 },
    );
  }, 60_000);

  it('never crash on random bytes, random text or a random tail after a PDF header', async () => {
    const header = new TextEncoder().encode('%PDF-1.7\n');
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 4096 }),
      fc.string({ maxLength: 2000 }).map((text) => new TextEncoder().encode(text)),
      fc.uint8Array({ maxLength: 2048 }).map((tail) => Uint8Array.from([...header, ...tail])),
      fc.uint8Array({ maxLength: 2048 }).map((tail) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...tail])),
    );
    await fc.assert(fc.asyncProperty(input, checkOutcome), { numRuns: 500, seed: 20260103 });
  }, 60_000);
});
