import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { defaultProfile } from '../../src/profile/load-profile';
import { runScreen, type ScreenRun } from '../../src/cli/screen-command';
import { ReportSchema, type OkReport, type Report } from '../../src/report/report.schema';
import { SummarySchema } from '../../src/report/summary';
import { readLabels } from '../helpers/labels';

const root = path.resolve(__dirname, '../..');
const labels = readLabels(path.join(root, 'fixtures/labels.json'));
const byFile = (run: ScreenRun, file: string): Report => {
  const name = path.basename(file);
  const report = run.reports.find((candidate) => candidate.source.fileName === name);
  if (!report) throw new Error(`no report for ${name}`);
  return report;
};
const ok = (report: Report): OkReport => {
  if (report.status !== 'ok') throw new Error(`${report.source.fileName}: ${report.error.code} ${report.error.message}`);
  return report;
};

describe('resume-evidence screen (in-process, on fixtures/resumes)', () => {
  let outDir: string;
  let run: ScreenRun;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 're-e2e-'));
    run = await runScreen({
      inputs: [path.join(root, 'fixtures/resumes')],
      profile: defaultProfile(),
      outDir,
      concurrency: 4,
      maxBytes: 10 * 1024 * 1024,
      progress: false,
    });
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes a JSON, Markdown and HTML report for every file, plus index.html and summary.json', async () => {
    const written = new Set(await readdir(outDir));
    expect(run.reports).toHaveLength(labels.documents.length);
    for (const report of run.reports) {
      for (const extension of ['json', 'md', 'html']) expect(written.has(`${report.candidateId}.${extension}`)).toBe(true);
      const json = JSON.parse(await readFile(path.join(outDir, `${report.candidateId}.json`), 'utf8')) as unknown;
      expect(ReportSchema.parse(json)).toEqual(report);
    }
    const summary = SummarySchema.parse(JSON.parse(await readFile(path.join(outDir, 'summary.json'), 'utf8')));
    expect(summary.counts.total).toBe(labels.documents.length);
    const index = await readFile(path.join(outDir, 'index.html'), 'utf8');
    for (const report of run.reports) expect(index).toContain(`${report.candidateId}.html`);
  });

  it('gives each broken file its expected error code while the others are screened', () => {
    const broken = labels.documents.filter((label) => label.error);
    expect(broken.length).toBeGreaterThanOrEqual(3);
    for (const label of broken) {
      const report = byFile(run, label.file);
      expect({ file: label.file, status: report.status, code: report.status === 'error' ? report.error.code : undefined }).toEqual({
        file: label.file,
        status: 'error',
        code: label.error,
      });
    }
    expect(run.summary.counts.ok).toBe(labels.documents.length - broken.length);
  });

  it('quotes the named evidence of each fixture on the labelled page', () => {
    let checked = 0;
    for (const label of labels.documents) {
      for (const [requirementId, expected] of Object.entries(label.expect ?? {})) {
        const report = ok(byFile(run, label.file));
        const requirement = report.requirements.find((candidate) => candidate.id === requirementId);
        const item = requirement?.items.find((candidate) => candidate.quote.includes(expected.quote));
        expect({ file: label.file, requirementId, quote: expected.quote, page: item?.page }).toEqual({
          file: label.file,
          requirementId,
          quote: expected.quote,
          page: expected.page,
        });
        // The line number points at exactly that line of the extracted text.
        const line = report.text.find((candidate) => candidate.page === item?.page && candidate.line === item?.line);
        expect(line?.text).toBe(item?.quote);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('quotes only verbatim text: every quote is the line it cites and every span is the matched words', () => {
    for (const report of run.reports.filter((candidate) => candidate.status === 'ok').map(ok)) {
      const fullText = report.text.map((line) => line.text).join('\n');
      for (const requirement of report.requirements) {
        for (const item of requirement.items) {
          expect(fullText).toContain(item.quote);
          const line = report.text.find((candidate) => candidate.page === item.page && candidate.line === item.line);
          expect(line?.text).toBe(item.quote);
          expect(line?.hidden).toBe(false);
          expect(item.quote.slice(item.span[0], item.span[1])).toBe(item.matched);
        }
      }
    }
  });

  it('finds no evidence in look-alike résumés (insurance agents, reinforced concrete, tuned engines…)', () => {
    const lookAlikes = labels.documents.filter((label) => (label.traps ?? []).length > 0 && label.skills && Object.values(label.skills).every((skill) => !skill.present));
    expect(lookAlikes.length).toBeGreaterThanOrEqual(3);
    for (const label of lookAlikes) {
      const report = ok(byFile(run, label.file));
      expect({ file: label.file, levels: report.levels }).toEqual({
        file: label.file,
        levels: Object.fromEntries(report.requirements.map((requirement) => [requirement.id, 'none'])),
      });
    }
  });

  it('matches the labelled level of every requirement in every fixture', () => {
    const disagreements: string[] = [];
    for (const label of labels.documents.filter((candidate) => candidate.skills)) {
      const report = ok(byFile(run, label.file));
      for (const [requirementId, expected] of Object.entries(label.skills ?? {})) {
        const level = report.levels[requirementId];
        if (level !== expected.strength) disagreements.push(`${label.file} ${requirementId}: labelled ${expected.strength}, got ${level}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('is deterministic: a second run gives byte-identical reports', async () => {
    const again = await mkdtemp(path.join(os.tmpdir(), 're-e2e-again-'));
    try {
      const second = await runScreen({ inputs: [path.join(root, 'fixtures/resumes')], profile: defaultProfile(), outDir: again, concurrency: 1, maxBytes: 10 * 1024 * 1024, progress: false });
      expect(second.reports.map((report) => report.candidateId).sort()).toEqual(run.reports.map((report) => report.candidateId).sort());
      for (const report of run.reports) {
        const first = await readFile(path.join(outDir, `${report.candidateId}.json`), 'utf8');
        const repeated = await readFile(path.join(again, `${report.candidateId}.json`), 'utf8');
        expect(repeated).toBe(first);
      }
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });
});

describe('the built resume-evidence binary', () => {
  it('screens a folder, prints a summary table and the path of index.html', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 're-bin-'));
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'dist/src/cli/main.js'), 'screen', path.join(root, 'fixtures/resumes'), '--out', outDir], { cwd: root });
      expect(stdout).toContain('index.html');
      expect(stdout).toMatch(/rl.*lm_training.*agents.*publications.*python/);
      expect(stdout).toContain(`${labels.documents.length} file(s)`);
      expect((await readdir(outDir)).filter((name) => name.endsWith('.html')).length).toBe(labels.documents.length + 1);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it('exits non-zero with a message naming the field for a broken profile', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 're-profile-'));
    try {
      const profilePath = path.join(dir, 'broken.json');
      await (await import('node:fs/promises')).writeFile(profilePath, JSON.stringify({ id: 'x', title: 'X', version: '1.0.0', requirements: [{ id: 'rl', label: 'RL', description: 'd', priority: 'must', evidence: { terms: [] } }] }));
      const result = await promisify(execFile)(process.execPath, [path.join(root, 'dist/src/cli/main.js'), 'screen', path.join(root, 'fixtures/resumes'), '--profile', profilePath, '--out', dir]).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('requirements[0].evidence.terms');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
