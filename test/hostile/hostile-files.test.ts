import { HIDDEN_CLAIMS, INSTRUCTION_LINES, STUFFED_LINE } from '../../fixtures/hostile/hostile-resume';
import { ExtractThreadPool } from '../../src/extract/budget/extract-pool';
import { screenFile } from '../../src/pipeline/screen-file';
import { defaultProfile } from '../../src/profile/load-profile';
import { evidenceQuotes, expectOk, hostileFile, hostileManifest, rank } from './hostile-helpers';

/**
 * Every hostile fixture through the whole in-process pipeline (screenFile: detect → extract in a
 * budgeted thread → tag → report), as the CLI runs it. The operator bomb needs a short budget to
 * time out quickly, so the tests use their own pool (1.5 s instead of 20 s).
 */
const profile = defaultProfile();
const pool = new ExtractThreadPool({ size: 2, timeoutMs: 1500 });
afterAll(() => pool.close());

const screen = (name: string, options: { maxBytes?: number } = {}) => screenFile(hostileFile(name), profile, { ...options, budget: pool });

describe('screenFile on hostile and broken files', () => {
  it('gives every file the expected report or stable error code, one after another in one batch', async () => {
    const outcomes: Array<{ file: string; expected: string; got: string }> = [];
    for (const entry of hostileManifest()) {
      const { report, unexpectedError } = await screen(entry.file);
      expect(unexpectedError).toBeUndefined();
      outcomes.push({ file: entry.file, expected: entry.expect, got: report.status === 'ok' ? 'ok' : report.error.code });
      if (report.status === 'error') {
        // A message that says what to do, and never quotes the file.
        expect(report.error.message).toMatch(/[a-z].*(try|ask|send|export|check|save|retry|convert)/i);
        expect(report.error.message).not.toContain('Wilhelmina');
      }
    }
    expect(outcomes.filter((outcome) => outcome.expected !== outcome.got)).toEqual([]);
  }, 60_000);

  it('quotes hidden PDF text (white, 0.5 pt, render mode 3) in a HIDDEN_TEXT flag and never as evidence; levels as without it', async () => {
    const hidden = expectOk((await screen('hidden-text.pdf')).report);
    const clean = expectOk((await screen('clean.pdf')).report);
    expect(hidden.levels).toEqual(clean.levels);
    const flag = hidden.flags.find((candidate) => candidate.code === 'HIDDEN_TEXT');
    const quotes = (flag?.quotes ?? []).map((quote) => quote.quote);
    for (const claim of HIDDEN_CLAIMS) expect(quotes).toContain(claim);
    expect(quotes).toContain('Built tool-using agents with reinforcement learning');
    for (const quote of evidenceQuotes(hidden)) expect(quotes).not.toContain(quote);
    // Text placed above the page is dropped by pdf.js itself: never evidence, never shown (see docs).
    expect(JSON.stringify(hidden)).not.toContain('Expert in LLM pretraining');
  });

  it('quotes hidden DOCX runs (vanish, white, 1 pt) in a HIDDEN_TEXT flag and never as evidence; levels as without them', async () => {
    const hidden = expectOk((await screen('hidden-text.docx')).report);
    const clean = expectOk((await screen('clean.docx')).report);
    expect(hidden.levels).toEqual(clean.levels);
    const quotes = (hidden.flags.find((candidate) => candidate.code === 'HIDDEN_TEXT')?.quotes ?? []).map((quote) => quote.quote);
    expect(quotes).toEqual(expect.arrayContaining([...HIDDEN_CLAIMS, 'Expert in LLM pretraining and RLHF at scale']));
    for (const quote of evidenceQuotes(hidden)) expect(quotes).not.toContain(quote);
  });

  it('flags instructions to a machine reader with the quotes and changes no level', async () => {
    const withInstructions = expectOk((await screen('instructions.txt')).report);
    const clean = expectOk((await screen('clean.txt')).report);
    expect(withInstructions.levels).toEqual(clean.levels);
    const quotes = (withInstructions.flags.find((flag) => flag.code === 'INSTRUCTIONS_TO_MACHINE')?.quotes ?? []).map((quote) => quote.quote);
    expect(quotes).toEqual(expect.arrayContaining([...INSTRUCTION_LINES]));
    for (const line of INSTRUCTION_LINES) expect(evidenceQuotes(withInstructions)).not.toContain(line);
  });

  it('flags keyword stuffing and lets stuffed lines raise no level above "mentioned"', async () => {
    const stuffed = expectOk((await screen('stuffed.txt')).report);
    const clean = expectOk((await screen('clean.txt')).report);
    const quotes = (stuffed.flags.find((flag) => flag.code === 'KEYWORD_STUFFING')?.quotes ?? []).map((quote) => quote.quote);
    expect(quotes).toContain(STUFFED_LINE);
    expect(quotes.some((quote) => quote.startsWith('Keywords: reinforcement learning'))).toBe(true);
    for (const requirement of stuffed.requirements) {
      const cap = Math.max(rank(clean.levels[requirement.id] ?? 'none'), rank('mentioned'));
      expect({ id: requirement.id, rank: rank(requirement.level) }).toEqual({ id: requirement.id, rank: Math.min(rank(requirement.level), cap) });
      for (const item of requirement.items.filter((candidate) => quotes.includes(candidate.quote))) {
        expect(rank(item.level)).toBeLessThanOrEqual(rank('mentioned'));
      }
    }
  });

  it('never expands an external entity (XXE): the body is refused, a header keeps "&xxe;" literally', async () => {
    const body = (await screen('xxe-body.docx')).report;
    expect(body.status === 'error' && body.error.code).toBe('CORRUPT_FILE');
    const header = expectOk((await screen('xxe-header.docx')).report);
    const all = JSON.stringify(header);
    expect(all).not.toMatch(/root:.*:0:0:/);
    expect(header.text.map((line) => line.text)).toContain('Header &xxe; end');
  });

  it('says how many pages an image-only PDF has and that it needs OCR', async () => {
    const { report } = await screen('no-text-layer.pdf');
    expect(report.status === 'error' && report.error).toMatchObject({ code: 'NO_TEXT_LAYER', message: expect.stringMatching(/2 pages.*OCR/) });
  });

  it('refuses a file over the size limit before parsing it', async () => {
    const { report } = await screen('clean.pdf', { maxBytes: 100 });
    expect(report.status === 'error' && report.error.code).toBe('FILE_TOO_LARGE');
  });
});
