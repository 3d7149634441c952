import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { registerEvalCommand } from '../../../src/cli/eval-command';
import { runEval, type EvalResult } from '../../../src/eval/run-eval';
import { screenFile } from '../../../src/pipeline/screen-file';
import { defaultProfile } from '../../../src/profile/load-profile';
import { readLabels } from '../../helpers/labels';

const root = path.resolve(__dirname, '../../..');
const demoLabels = path.join(root, 'fixtures/labels.json');
const hardLabels = path.join(root, 'fixtures/labeled/labels.json');
const demo = readLabels(demoLabels);

type LabelJson = { documents: Array<{ file: string; skills?: Record<string, { present: boolean; strength: string }>; traps?: string[] }> };

/**
 * A copy of the demo labels with one label made wrong on purpose, in a temporary folder (`file`
 * paths stay relative to the fixtures through --files / filesDir). Disagreements then exist
 * whatever the tagger's quality, so the tests below check how eval reports them.
 */
function withWrongLabel(change: (labels: LabelJson) => void): { labelsPath: string; cleanup: () => void } {
  const labels = JSON.parse(readFileSync(demoLabels, 'utf8')) as LabelJson;
  change(labels);
  const dir = mkdtempSync(path.join(os.tmpdir(), 're-eval-'));
  const labelsPath = path.join(dir, 'labels.json');
  writeFileSync(labelsPath, JSON.stringify(labels));
  return { labelsPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function inUnitInterval(value: unknown): boolean {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

async function runCli(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const program = new Command().exitOverride();
  registerEvalCommand(program);
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'resume-evidence', 'eval', ...args]);
    return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = before;
    out.mockRestore();
    err.mockRestore();
  }
}

describe('runEval on the demo set', () => {
  let result: EvalResult;
  beforeAll(async () => {
    result = await runEval({ labelsPath: demoLabels, profile: defaultProfile() });
  });

  it('has every key the issue requires, with figures in [0, 1]', () => {
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown> & EvalResult;
    for (const key of ['perRequirement', 'macroF1', 'levelAccuracy', 'publicationCountMAE', 'baseline', 'documents']) expect(json).toHaveProperty(key);
    expect(Object.keys(json.perRequirement).sort()).toEqual(['agents', 'lm_training', 'publications', 'python', 'rl']);
    for (const figures of [json.perRequirement, json.baseline.perRequirement]) {
      for (const scores of Object.values(figures)) {
        for (const key of ['precision', 'recall', 'f1'] as const) expect(inUnitInterval(scores[key])).toBe(true);
        for (const key of ['tp', 'fp', 'fn'] as const) expect(Number.isInteger(scores[key])).toBe(true);
      }
    }
    expect([json.macroF1, json.levelAccuracy, json.baseline.macroF1].every(inUnitInterval)).toBe(true);
    expect(json.publicationCountMAE).toBeGreaterThanOrEqual(0);
    expect(json.documents).toHaveLength(demo.documents.length);
  });

  it('matches the broken files on their error codes and leaves them out of the figures', () => {
    const broken = demo.documents.filter((label) => label.error !== undefined);
    expect(broken.length).toBeGreaterThan(0);
    expect(result.errorChecks).toEqual({ expected: broken.length, matched: broken.length, mismatches: [] });
    for (const label of broken) {
      const detail = result.documents.find((document) => document.file === label.file);
      expect({ file: label.file, error: detail?.error, expected: detail?.expectedError }).toEqual({ file: label.file, error: label.error, expected: label.error });
    }
    expect(result.documentCount).toBe(demo.documents.length - broken.length);
    const scoredPairs = Object.values(result.perRequirement).reduce((sum, scores) => sum + scores.tp + scores.fp + scores.fn + scores.tn, 0);
    expect(scoredPairs).toBe((demo.documents.length - broken.length) * 5);
  });

  it('beats the keyword baseline, which falls for the look-alike traps', () => {
    expect(result.macroF1 ?? 0).toBeGreaterThan(result.baseline.macroF1 ?? 1);
    const trapFiles = new Set(demo.documents.filter((label) => (label.traps ?? []).length > 0).map((label) => label.file));
    const baselineTrapErrors = result.baseline.disagreements.filter((d) => trapFiles.has(d.file) && d.kind === 'false-positive');
    const oursTrapErrors = result.disagreements.filter((d) => trapFiles.has(d.file) && d.kind === 'false-positive');
    expect(baselineTrapErrors.length).toBeGreaterThan(oursTrapErrors.length);
  });

  it('quotes the lines behind each disagreement, verbatim from the extracted text', async () => {
    // Label a résumé with strong Python evidence as having none: the disagreement must show the quotes.
    const target = demo.documents.find((document) => document.skills?.python?.strength === 'strong');
    if (!target) throw new Error('the demo labels need a résumé with strong Python evidence');
    const wrong = withWrongLabel((labels) => {
      const entry = labels.documents.find((document) => document.file === target.file);
      if (entry?.skills) entry.skills.python = { present: false, strength: 'none' };
    });
    try {
      const wrongResult = await runEval({ labelsPath: wrong.labelsPath, filesDir: path.dirname(demoLabels), profile: defaultProfile() });
      const disagreement = wrongResult.disagreements.find((d) => d.file === target.file && d.requirementId === 'python');
      expect(disagreement?.evidence.length).toBeGreaterThan(0);
      const { report } = await screenFile({ fileName: path.basename(target.file), bytes: new Uint8Array(readFileSync(path.join(path.dirname(demoLabels), target.file))) }, defaultProfile());
      if (report.status !== 'ok') throw new Error(`${target.file} could not be screened`);
      for (const quoted of disagreement?.evidence ?? []) {
        expect(report.text.find((line) => line.page === quoted.page && line.line === quoted.line)?.text).toBe(quoted.quote);
      }
    } finally {
      wrong.cleanup();
    }
  });
});

describe('runEval with splits', () => {
  it('reports figures per split and restricts to one with split', async () => {
    const all = await runEval({ labelsPath: hardLabels, profile: defaultProfile() });
    expect(Object.keys(all.splits ?? {}).sort()).toEqual(['heldout', 'tune']);
    const tune = all.splits?.tune;
    const heldout = all.splits?.heldout;
    expect((tune?.documentCount ?? 0) + (heldout?.documentCount ?? 0)).toBe(all.documentCount);
    expect(inUnitInterval(heldout?.macroF1) && inUnitInterval(heldout?.baseline.macroF1)).toBe(true);
    const only = await runEval({ labelsPath: hardLabels, profile: defaultProfile(), split: 'heldout' });
    expect(only.documentCount).toBe(heldout?.documentCount);
    expect(only.documents.every((document) => document.split === 'heldout')).toBe(true);
    expect(only.macroF1).toBeCloseTo(heldout?.macroF1 ?? NaN);
  });

  it('refuses a split no document has, naming the ones there are', async () => {
    await expect(runEval({ labelsPath: demoLabels, profile: defaultProfile(), split: 'heldout' })).rejects.toThrow(/no document has split "heldout"/);
  });
});

describe('eval command', () => {
  it('prints one JSON object with --json', async () => {
    const { stdout, exitCode } = await runCli(['--labels', demoLabels, '--json']);
    const json = JSON.parse(stdout) as EvalResult;
    expect(exitCode).toBe(0);
    expect(json.perRequirement.rl).toEqual(expect.objectContaining({ precision: expect.any(Number), tp: expect.any(Number) }));
    expect(json.baseline).toHaveProperty('macroF1');
  });

  it('prints ours beside the baseline in tables, and fails when macro-F1 is below --min-f1', async () => {
    // Claim RL evidence in a look-alike résumé: the tagger rightly finds none, so macro-F1 < 1.
    const wrong = withWrongLabel((labels) => {
      const lookAlike = labels.documents.find((document) => (document.traps ?? []).length > 0 && document.skills);
      if (!lookAlike?.skills) throw new Error('the demo labels need a look-alike résumé');
      lookAlike.skills.rl = { present: true, strength: 'strong' };
    });
    let result: { stdout: string; stderr: string; exitCode: number };
    try {
      result = await runCli(['--labels', wrong.labelsPath, '--files', path.dirname(demoLabels), '--min-f1', '1']);
    } finally {
      wrong.cleanup();
    }
    const { stdout, stderr, exitCode } = result;
    expect(stdout).toMatch(/baseline F1/);
    expect(stdout).toMatch(/labelled \\ predicted/);
    expect(stdout).toMatch(/disagreements with the labels/);
    expect(stderr).toMatch(/below --min-f1 1/);
    expect(exitCode).toBe(1);
  });

  it('passes --min-f1 when the macro-F1 reaches it', async () => {
    const { exitCode } = await runCli(['--labels', demoLabels, '--min-f1', '0.5', '--json']);
    expect(exitCode).toBe(0);
  });
});
