/**
 * Generates the benchmark corpus: a deterministic mix of synthetic PDF (one column over 1-3
 * pages with standard or embedded fonts, or two columns), DOCX, TXT and Markdown résumés of
 * fictional people. Document `i` of a seed depends only on (seed, i), so a cache folder grows on demand and a rerun reuses it.
 *
 *   npx tsx bench/generate-corpus.ts [--n 200] [--seed 42] [--out bench/.corpus]
 *
 * The files go to bench/.corpus/ (gitignored): thousands of generated files are not committed.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { drawPdf, layOutOneColumn, layOutTwoColumns, type EmbeddedFonts } from '../fixtures/generator/render-pdf';
import { renderDocx } from '../fixtures/generator/render-docx';
import { renderMarkdown, renderTxt } from '../fixtures/generator/render-text';
import type { Block, ResumeContent } from '../fixtures/generator/resume-source';
import { seededRandom } from '../fixtures/generator/seeded-random';

export const DEFAULT_CORPUS_DIR = path.join(__dirname, '.corpus');
export const DEFAULT_SEED = 42;
/** Bump when the generator's output changes, so stale caches are not reused. */
const GENERATOR_VERSION = 'v2';

/**
 * `pdf-1col` and `pdf-2col` use the standard, non-embedded Helvetica (cheap for any parser: no
 * font program to read); `pdf-embedded` embeds a TrueType subset as most real exports do.
 */
export type CorpusKind = 'pdf-1col' | 'pdf-embedded' | 'pdf-2col' | 'docx' | 'txt' | 'md';
const KIND_EXTENSION: Record<CorpusKind, string> = { 'pdf-1col': 'pdf', 'pdf-embedded': 'pdf', 'pdf-2col': 'pdf', docx: 'docx', txt: 'txt', md: 'md' };

/** Liberation Sans, shipped with pdfjs-dist (a dependency of pdf-parse), so every install has it. */
function embeddedFonts(): EmbeddedFonts {
  const folder = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts');
  return { regular: path.join(folder, 'LiberationSans-Regular.ttf'), bold: path.join(folder, 'LiberationSans-Bold.ttf') };
}

export interface CorpusFile {
  path: string;
  fileName: string;
  /** Generated kind, or for a real corpus the extension ("pdf", "docx", …). */
  kind: string;
}

/** One independent stream per document: (seed, index) → a 32-bit seed. */
function documentSeed(seed: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

const FIRST = ['Alva', 'Bram', 'Cosima', 'Darius', 'Elin', 'Fenna', 'Gaspar', 'Hedda', 'Ilya', 'Jorun', 'Kasimir', 'Liesel', 'Matteo', 'Nadia', 'Orla', 'Pavel', 'Quilla', 'Rasmus', 'Selin', 'Tobiah', 'Ulla', 'Viggo', 'Wren', 'Yara', 'Zeno'];
const LAST = ['Ambrose', 'Bergqvist', 'Calloway', 'Dunmore', 'Eskildsen', 'Falkner', 'Grantham', 'Holloway', 'Ingersoll', 'Jessop', 'Kettering', 'Lindgren', 'Marwood', 'Norwood', 'Oakhurst', 'Pemberton', 'Quarry', 'Rosendahl', 'Stavros', 'Thornbury', 'Underhill', 'Vasquez-Lind', 'Whitcombe', 'Yardley'];
const ORGS = ['Northwind Analytics', 'Bluepine Robotics', 'Cedar Labs', 'Harbor AI', 'Meridian Systems', 'Quartz Research', 'Lumen Dynamics', 'Saltmarsh Data', 'Fictive Institute', 'Orchard Compute'];
const TITLES = ['Research Engineer', 'ML Engineer', 'Software Engineer', 'Research Scientist', 'Data Scientist', 'Applied Scientist', 'Platform Engineer'];
const SCHOOLS = ['Fictional Tech University', 'Northbridge College', 'University of Eastvale', 'Westmoor Institute'];
const DEGREES = ['PhD, Computer Science', 'MSc, Machine Learning', 'BSc, Mathematics', 'MEng, Software Systems'];
const VENUES = ['NeurIPS', 'ICML', 'ICLR', 'ACL', 'EMNLP', 'AAMAS', 'CoRL'];
const TOPICS = ['policy gradients', 'reward models', 'tool-using agents', 'sparse attention', 'offline RL', 'curriculum learning', 'data filtering', 'planning with LLMs'];

const BULLETS: ReadonlyArray<(random: Random) => string> = [
  (r) => `Trained ${pick(r, ['1B', '7B', '13B', '350M'])} transformer language models on ${between(r, 8, 512)} GPUs`,
  (r) => `Built PPO and DQN agents for ${pick(r, ['robot grasping', 'traffic control', 'game playing', 'ad bidding'])}`,
  (r) => `Wrote Python services for ${pick(r, ['feature stores', 'evaluation', 'data pipelines', 'model serving'])}`,
  (r) => `Led RLHF fine-tuning with a ${pick(r, ['pairwise', 'listwise', 'scalar'])} reward model`,
  (r) => `Designed LLM agents that call tools and browse ${pick(r, ['internal docs', 'code bases', 'tickets'])}`,
  (r) => `Cut training cost by ${between(r, 10, 60)}% with mixed precision and FSDP`,
  (r) => `Maintained PyTorch data loaders for ${between(r, 2, 90)} TB of text`,
  (r) => `Mentored ${between(r, 2, 9)} engineers and ran the reading group on ${pick(r, TOPICS)}`,
  (r) => `Shipped a ${pick(r, ['Go', 'Rust', 'Java', 'TypeScript'])} API serving ${between(r, 2, 900)}k requests a day`,
  (r) => `Sold policies as an insurance agent for ${between(r, 1, 4)} years`,
  (r) => `Tuned Kubernetes jobs and Ray clusters for ${pick(r, ['rollouts', 'sweeps', 'batch inference'])}`,
  (r) => `Evaluated multi-agent planners on ${between(r, 20, 400)} benchmark tasks`,
];

interface Draft {
  content: ResumeContent;
  /** Blocks that go in the narrow left column of a two-column layout. */
  leftSections: string[];
}

function draftResume(random: Random, index: number, pages: number): Draft {
  const first = pick(random, FIRST);
  const last = pick(random, LAST);
  const name = `${first} ${last}`;
  // The index makes every document unique: the queue deduplicates identical bytes.
  const header = [pick(random, TITLES), `${first.toLowerCase()}.${last.toLowerCase()}@example.org`, `+00 555 ${String(index).padStart(6, '0')}`];
  const blocks: Block[] = [];
  const bulletCount = (): number => between(random, 2, 4);
  blocks.push({ kind: 'heading', text: 'Summary' }, { kind: 'text', text: `${pick(random, TITLES)} with ${between(random, 2, 15)} years in ${pick(random, TOPICS)}.` });
  blocks.push({ kind: 'heading', text: 'Experience' });
  const rolesPerPage = 3;
  for (let page = 1; page <= pages; page++) {
    if (page > 1) blocks.push({ kind: 'page-break' }, { kind: 'heading', text: page === 2 ? 'Earlier Experience' : 'Projects' });
    for (let role = 0; role < rolesPerPage; role++) {
      const start = between(random, 2008, 2021);
      blocks.push({ kind: 'role', title: pick(random, TITLES), org: pick(random, ORGS), dates: `${start} - ${start + between(random, 1, 4)}` });
      for (let bullet = bulletCount(); bullet > 0; bullet--) blocks.push({ kind: 'bullet', text: pick(random, BULLETS)(random) });
    }
  }
  blocks.push(
    { kind: 'heading', text: 'Skills' },
    { kind: 'table-row', label: 'Languages', items: pick(random, ['Python, C++', 'Python, Go', 'Rust, Python', 'Java, SQL']) },
    { kind: 'table-row', label: 'ML', items: pick(random, ['PyTorch, JAX', 'TensorFlow', 'PyTorch, Ray', 'scikit-learn']) },
    { kind: 'heading', text: 'Education' },
    { kind: 'text', text: pick(random, DEGREES) },
    { kind: 'text', text: `${pick(random, SCHOOLS)}, ${between(random, 2004, 2020)}` },
  );
  const papers = between(random, 0, 3);
  if (papers > 0) {
    blocks.push({ kind: 'heading', text: 'Publications' });
    for (let paper = 0; paper < papers; paper++) {
      blocks.push(
        { kind: 'text', text: `${last}, A. et al. On ${pick(random, TOPICS)}.` },
        { kind: 'continuation', text: `${pick(random, VENUES)} ${between(random, 2016, 2024)}.` },
      );
    }
  }
  return { content: { name, header, blocks }, leftSections: ['Skills', 'Education'] };
}

function pickKind(random: Random): CorpusKind {
  const roll = random();
  if (roll < 0.18) return 'pdf-1col';
  if (roll < 0.36) return 'pdf-embedded';
  if (roll < 0.55) return 'pdf-2col';
  if (roll < 0.8) return 'docx';
  if (roll < 0.93) return 'txt';
  return 'md';
}

/** Renders document `index` of `seed` to bytes; the same arguments always give the same bytes. */
export async function renderCorpusDocument(seed: number, index: number): Promise<{ kind: CorpusKind; bytes: Uint8Array }> {
  const random = seededRandom(documentSeed(seed, index));
  const kind = pickKind(random);
  const pages = kind === 'pdf-1col' || kind === 'pdf-embedded' ? between(random, 1, 3) : 1;
  const draft = draftResume(random, index, pages);
  const meta = { title: `Résumé of ${draft.content.name} (fictional)`, author: draft.content.name };
  const bullet = pick(random, ['•', '-', '*'] as const);
  switch (kind) {
    case 'pdf-1col':
      return { kind, bytes: (await drawPdf(layOutOneColumn(draft.content, bullet), meta)).bytes };
    case 'pdf-embedded':
      return { kind, bytes: (await drawPdf(layOutOneColumn(draft.content, bullet), meta, embeddedFonts())).bytes };
    case 'pdf-2col': {
      const single = { ...draft.content, blocks: draft.content.blocks.filter((block) => block.kind !== 'page-break') };
      const placed = layOutTwoColumns(single, bullet, { leftSections: draft.leftSections, rows: random() < 0.5 ? 'grid' : 'free' });
      return { kind, bytes: (await drawPdf(placed, meta)).bytes };
    }
    case 'docx':
      return { kind, bytes: (await renderDocx(draft.content, { contactIn: random() < 0.3 ? 'page-header' : 'body' }, meta)).bytes };
    case 'txt':
      return { kind, bytes: renderTxt(draft.content, pick(random, ['all-caps', 'underlined', 'none'] as const), bullet).bytes };
    case 'md':
      return { kind, bytes: renderMarkdown(draft.content, pick(random, ['atx', 'setext'] as const), bullet).bytes };
  }
}

function kindOf(seed: number, index: number): CorpusKind {
  return pickKind(seededRandom(documentSeed(seed, index)));
}

/**
 * Makes sure documents 0..count-1 of `seed` exist under `dir` (generating only missing ones) and
 * returns them in index order.
 */
export async function generateCorpus(options: { count: number; seed?: number; dir?: string; onProgress?: (done: number) => void }): Promise<CorpusFile[]> {
  const seed = options.seed ?? DEFAULT_SEED;
  const folder = path.join(options.dir ?? DEFAULT_CORPUS_DIR, `${GENERATOR_VERSION}-seed${seed}`);
  await mkdir(folder, { recursive: true });
  const files: CorpusFile[] = [];
  for (let index = 0; index < options.count; index++) {
    const kind = kindOf(seed, index);
    const fileName = `${String(index).padStart(6, '0')}-${kind}.${KIND_EXTENSION[kind]}`;
    const filePath = path.join(folder, fileName);
    if (!existsSync(filePath)) {
      const rendered = await renderCorpusDocument(seed, index);
      await writeFile(filePath, rendered.bytes);
    }
    files.push({ path: filePath, fileName, kind });
    if (options.onProgress && (index + 1) % 500 === 0) options.onProgress(index + 1);
  }
  return files;
}

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? (process.argv[at + 1] as string) : fallback;
}

if (require.main === module) {
  const count = Number(argument('--n', '200'));
  const seed = Number(argument('--seed', String(DEFAULT_SEED)));
  const dir = argument('--out', DEFAULT_CORPUS_DIR);
  generateCorpus({ count, seed, dir, onProgress: (done) => process.stdout.write(`  ${done} documents\n`) }).then(
    (files) => process.stdout.write(`${files.length} documents in ${path.dirname(files[0]?.path ?? dir)}\n`),
    (error: unknown) => {
      process.stderr.write(`corpus generation failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
