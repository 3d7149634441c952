import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SampleFile {
  fileName: string;
  bytes: Uint8Array;
}

const FIXTURES = join(__dirname, '../../../fixtures/resumes');

/** Fictional people, written here so the queue tests run even before fixtures/resumes exists. */
function writtenSamples(): SampleFile[] {
  const text = [
    'Ada Quill',
    'ada.quill@example.invalid',
    '',
    'EXPERIENCE',
    'Research Engineer, Example Labs (2021-2024)',
    '- Trained transformer language models with PPO-based reinforcement learning from human feedback.',
    '- Built tool-using agents in Python for code review.',
    '',
    'SKILLS',
    'Python, PyTorch, JAX',
  ].join('\n');
  const markdown = [
    '# Bram Tollis',
    '',
    '## Experience',
    '',
    '- Data analyst at a fictional insurance company; worked with agents on claims.',
    '',
    '## Skills',
    '',
    '- SQL, Excel',
  ].join('\n');
  return [
    { fileName: 'ada-quill.txt', bytes: new TextEncoder().encode(text) },
    { fileName: 'bram-tollis.md', bytes: new TextEncoder().encode(markdown) },
  ];
}

/** Up to `limit` files of fixtures/resumes (one of each format first), else the written samples. */
export function sampleResumes(limit = 4): SampleFile[] {
  if (!existsSync(FIXTURES)) return writtenSamples();
  const names = readdirSync(FIXTURES)
    .filter((name) => /\.(pdf|docx|txt|md)$/i.test(name) && !/broken|corrupt|encrypted|empty|scan/i.test(name))
    .sort();
  if (names.length === 0) return writtenSamples();
  const byFormat = new Map<string, string>();
  for (const name of names) {
    const extension = name.slice(name.lastIndexOf('.')).toLowerCase();
    if (!byFormat.has(extension)) byFormat.set(extension, name);
  }
  const chosen = [...new Set([...byFormat.values(), ...names])].slice(0, limit);
  return chosen.map((fileName) => ({ fileName, bytes: new Uint8Array(readFileSync(join(FIXTURES, fileName))) }));
}

/** Starts like a PDF, then is noise: no parser can read it, whatever we retry. */
export function corruptPdf(): SampleFile {
  const header = new TextEncoder().encode('%PDF-1.7\n');
  const noise = new Uint8Array(2048).map((_, index) => (index * 131 + 17) % 251);
  const bytes = new Uint8Array(header.length + noise.length);
  bytes.set(header);
  bytes.set(noise, header.length);
  return { fileName: 'corrupt.pdf', bytes };
}
