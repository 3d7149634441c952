import { ERROR_CODES, FileError } from '../errors';
import { decodeText, detectFormat } from './detect';
import type { ExtractedDocument, ExtractionWarning, Format, Line, Section } from './document.schema';
import { extractDocx } from './docx';
import { joinHyphenatedLines, normaliseLine } from './normalise';
import { DEFAULT_MAX_PAGES, extractPdf } from './pdf';
import type { RawExtraction, RawLine } from './raw-line';
import { sectionStep } from './sections';
import { extractPlainText } from './text';

export interface ExtractOptions {
  /** Larger files are rejected with FILE_TOO_LARGE. Default 10 MiB. */
  maxBytes?: number;
  /** PDFs with more pages are rejected with TOO_COMPLEX. Default 50. */
  maxPages?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The extraction stage: bytes in, normalised lines with page, line number, section and
 * visibility out. Pure apart from the parsers' own work; throws FileError for files that can
 * never be read (the code says which problem, the message what to do).
 */
export async function extractDocument(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new FileError(
      ERROR_CODES.FILE_TOO_LARGE,
      `The file is ${formatMiB(bytes.length)}, over the ${formatMiB(maxBytes)} limit; send a smaller export (PDF without high-resolution images) and try again.`,
    );
  }
  const format = detectFormat(bytes);
  const raw = await extractByFormat(format, bytes, options);
  return finish(format, raw);
}

function extractByFormat(format: Format, bytes: Uint8Array, options: ExtractOptions): Promise<RawExtraction> | RawExtraction {
  switch (format) {
    case 'pdf':
      return extractPdf(bytes, { maxPages: options.maxPages ?? DEFAULT_MAX_PAGES });
    case 'docx':
      return extractDocx(bytes);
    case 'txt':
    case 'md':
      return extractPlainText(decodeText(bytes), format);
  }
}

/**
 * Normalise, find sections, number lines per page, count visible characters. One pass that builds
 * each final line once: the earlier map/filter/map chain copied every line three times.
 */
export function finish(format: Format, raw: RawExtraction): ExtractedDocument {
  // DOCX lines are paragraphs: a trailing hyphen there is a real one, not a line-break split.
  const joined = format === 'docx' ? raw.lines : joinHyphenatedLines(raw.lines, sameFlow);
  const lines: Line[] = [];
  const counters = new Map<number, number>();
  let section: Section = 'header';
  let characters = 0;
  for (const rawLine of joined) {
    const text = normaliseLine(rawLine.text);
    if (text === '') continue;
    const place = sectionStep(section, text, rawLine.hidden);
    section = place.section;
    const number = (counters.get(rawLine.page) ?? 0) + 1;
    counters.set(rawLine.page, number);
    lines.push(toLine(rawLine, number, text, place));
    if (!rawLine.hidden) characters += text.length;
  }
  if (lines.length === 0) {
    throw new FileError(ERROR_CODES.EMPTY_FILE, 'The file contains no text; check that the right file was uploaded.');
  }
  return { format, pageCount: raw.pageCount, lines, characters, warnings: [...raw.warnings, ...hiddenWarnings(lines)] };
}

/** The final line; keys in the order reports serialise them, optional ones only when set. */
function toLine(raw: RawLine, number: number, text: string, place: { section: Section; heading: boolean }): Line {
  const line: Line = { page: raw.page, line: number, text, section: place.section, heading: place.heading, hidden: raw.hidden };
  if (raw.hiddenReason !== undefined) line.hiddenReason = raw.hiddenReason;
  if (raw.origin !== undefined) line.origin = raw.origin;
  return line;
}

/** A word is only rejoined across lines of the same page, column and visibility. */
function sameFlow(first: RawLine, second: RawLine): boolean {
  return first.page === second.page && first.origin === second.origin && !first.hidden && !second.hidden;
}

function hiddenWarnings(lines: readonly Line[]): ExtractionWarning[] {
  const hidden = lines.filter((line) => line.hidden);
  if (hidden.length === 0) return [];
  const pages = [...new Set(hidden.map((line) => line.page))];
  return [
    {
      code: 'HIDDEN_TEXT',
      message: `${hidden.length} ${hidden.length === 1 ? 'line is' : 'lines are'} invisible to a reader (on ${pages.length === 1 ? 'page' : 'pages'} ${pages.join(', ')}); they are shown as hidden and never count as evidence.`,
      ...(pages.length === 1 && pages[0] !== undefined ? { page: pages[0] } : {}),
    },
  ];
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
