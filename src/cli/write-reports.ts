import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../report/report.schema';
import { renderHtml } from '../report/render-html';
import { renderIndexHtml } from '../report/render-index';
import { renderJson } from '../report/render-json';
import { renderMarkdown } from '../report/render-markdown';
import type { Summary } from '../report/summary';

export async function writeReport(outDir: string, report: Report): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const base = path.join(outDir, report.candidateId);
  await Promise.all([
    writeFile(`${base}.json`, renderJson(report)),
    writeFile(`${base}.md`, renderMarkdown(report)),
    writeFile(`${base}.html`, renderHtml(report)),
  ]);
}

export async function writeSummary(outDir: string, summary: Summary): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await Promise.all([
    writeFile(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`),
    writeFile(path.join(outDir, 'index.html'), renderIndexHtml(summary)),
  ]);
}
