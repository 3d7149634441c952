import JSZip from 'jszip';
import mammoth from 'mammoth';
import { ERROR_CODES, FileError } from '../errors';
import { scanParagraphs, type ScannedParagraph } from './docx-xml';
import { htmlToLines } from './html-lines';
import type { RawExtraction, RawLine } from './raw-line';
import { readZipDirectory } from './zip-directory';
import { checkInflatedSizes } from './zip-inflated-size';

/** A résumé's DOCX is well under 10 MB unzipped; more is a zip bomb or a document of photos. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
const MAX_DOCX_ENTRIES = 2000;

const NO_PAGES_WARNING = {
  code: 'DOCX_NO_PAGES',
  message: 'DOCX has no fixed pages: every line is reported as page 1.',
};

/**
 * DOCX: body through mammoth's HTML (its raw-text mode glues soft line breaks and table cells
 * together), headers and footers read from the zip ourselves (mammoth skips them), and hidden
 * runs found by scanning the XML. Everything is page 1: pages exist only once Word renders.
 */
export async function extractDocx(bytes: Uint8Array): Promise<RawExtraction> {
  guardZipSize(bytes);
  const zip = await loadZip(bytes);
  const html = await convertBody(bytes);
  const documentXml = await readPart(zip, 'word/document.xml');
  const body: RawLine[] = htmlToLines(html).map((line) => ({ page: 1, text: line.text, hidden: false, origin: line.origin }));
  const markedBody = markHidden(body, scanParagraphs(documentXml ?? ''));
  const header = await readParts(zip, /^word\/header(\d*)\.xml$/, 'header');
  const footer = await readParts(zip, /^word\/footer(\d*)\.xml$/, 'footer');
  return { pageCount: 1, lines: [...header, ...markedBody, ...footer], warnings: [NO_PAGES_WARNING] };
}

function guardZipSize(bytes: Uint8Array): void {
  const entries = readZipDirectory(bytes);
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > MAX_DOCX_UNCOMPRESSED_BYTES || entries.length > MAX_DOCX_ENTRIES) throw tooLarge();
  // The declared sizes may lie (a zip bomb): count what really inflates, capped.
  checkInflatedSizes(bytes, entries, MAX_DOCX_UNCOMPRESSED_BYTES, tooLarge);
}

function tooLarge(): FileError {
  return new FileError(
    ERROR_CODES.TOO_COMPLEX,
    `The DOCX unpacks to more than ${MAX_DOCX_UNCOMPRESSED_BYTES / 1024 / 1024} MB (or ${MAX_DOCX_ENTRIES} parts); remove large images or export it as PDF and try again.`,
  );
}

async function loadZip(bytes: Uint8Array): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(bytes);
  } catch (error) {
    throw corrupt(error);
  }
}

async function convertBody(bytes: Uint8Array): Promise<string> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        // Images carry no text; skip decoding them into data URIs.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        externalFileAccess: false,
      },
    );
    return result.value;
  } catch (error) {
    throw corrupt(error);
  }
}

async function readPart(zip: JSZip, name: string): Promise<string | undefined> {
  const file = zip.file(name);
  if (!file) return undefined;
  try {
    return await file.async('string');
  } catch (error) {
    throw corrupt(error);
  }
}

/**
 * Header or footer parts in numeric order (header1, header2, ...). Word keeps separate first-page,
 * even and default versions that often repeat each other, so repeated lines are kept once.
 */
async function readParts(zip: JSZip, pattern: RegExp, origin: 'header' | 'footer'): Promise<RawLine[]> {
  const names = Object.keys(zip.files)
    .filter((name) => pattern.test(name))
    .sort((a, b) => partNumber(a, pattern) - partNumber(b, pattern));
  const lines: RawLine[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const xml = (await readPart(zip, name)) ?? '';
    for (const paragraph of scanParagraphs(xml)) {
      for (const line of paragraphLines(paragraph, origin)) {
        const key = `${line.hidden}:${line.text.replace(/\s+/g, ' ').trim()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        lines.push(line);
      }
    }
  }
  return lines;
}

function partNumber(name: string, pattern: RegExp): number {
  return Number(pattern.exec(name)?.[1] || 0);
}

function paragraphLines(paragraph: ScannedParagraph, origin: string): RawLine[] {
  const visible: RawLine[] = paragraph.visible
    .split('\n')
    .filter((text) => text.trim() !== '')
    .map((text) => ({ page: 1, text, hidden: false, origin }));
  const hidden: RawLine[] = paragraph.hidden
    .filter((segment) => segment.text.trim() !== '')
    .map((segment) => ({ page: 1, text: segment.text, hidden: true, hiddenReason: segment.reason, origin }));
  return [...visible, ...hidden];
}

/**
 * Marks body lines that hold hidden runs. Hidden segments are matched to lines in document
 * order: a line that is all hidden is flagged; a line that also holds visible text is split
 * into its visible part and a hidden line right after it, so hidden words never count.
 */
export function markHidden(lines: readonly RawLine[], paragraphs: readonly ScannedParagraph[]): RawLine[] {
  const result: RawLine[] = lines.map((line) => ({ ...line }));
  let cursor = 0;
  for (const paragraph of paragraphs) {
    const visible = collapse(paragraph.visible);
    for (const segment of paragraph.hidden) {
      const needle = collapse(segment.text);
      if (needle === '') continue;
      const candidates = findCandidates(result, cursor, needle);
      // Prefer the line whose remaining text is this paragraph's visible text, so a hidden
      // "Python" is not pinned on an earlier visible line that also says Python.
      const chosen =
        candidates.find((candidate) => sameVisibleText(candidate.rest, visible)) ?? candidates[0];
      if (!chosen) continue;
      const line = result[chosen.index];
      if (!line) continue;
      const hiddenLine: RawLine = { ...line, text: needle, hidden: true, hiddenReason: segment.reason };
      if (chosen.rest === '' || chosen.rest === '-') result[chosen.index] = hiddenLine;
      else result.splice(chosen.index, 1, { ...line, text: chosen.rest }, hiddenLine);
      cursor = chosen.index;
    }
  }
  return result;
}

function findCandidates(lines: readonly RawLine[], from: number, needle: string): Array<{ index: number; rest: string }> {
  const candidates: Array<{ index: number; rest: string }> = [];
  for (let index = from; index < lines.length; index++) {
    const line = lines[index];
    if (!line || line.hidden) continue;
    const text = collapse(line.text);
    const at = text.indexOf(needle);
    if (at >= 0) candidates.push({ index, rest: collapse(text.slice(0, at) + ' ' + text.slice(at + needle.length)) });
  }
  return candidates;
}

function sameVisibleText(rest: string, visible: string): boolean {
  const bare = rest.replace(/^- /, '');
  if (visible === '') return bare === '' || bare === '-';
  return bare !== '' && (visible.includes(bare) || bare.includes(visible));
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function corrupt(cause: unknown): FileError {
  return new FileError(
    ERROR_CODES.CORRUPT_FILE,
    'The DOCX file is damaged and cannot be read; open it in Word or LibreOffice, save it again (or export it as PDF), and try again.',
    { cause },
  );
}
