import { ERROR_CODES, FileError } from '../errors';
import type { Format } from './document.schema';
import { readZipDirectory } from './zip-directory';

/** pdf.js accepts a PDF header anywhere in the first 1024 bytes; so do we. */
const PDF_HEADER_WINDOW = 1024;
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** How much of a file we look at to tell text from binary. */
const BINARY_SNIFF_BYTES = 8192;

const UNSUPPORTED_MESSAGE =
  'The file is not a PDF, DOCX, TXT or Markdown file; convert it to PDF or DOCX and try again.';

/**
 * Tells the format from the content alone (never the file name, which uploaders get wrong).
 * Throws FileError EMPTY_FILE, UNSUPPORTED_FORMAT, NOT_UTF8 or CORRUPT_FILE.
 */
export function detectFormat(bytes: Uint8Array): Format {
  if (bytes.length === 0) throw emptyFile();
  if (findPdfHeader(bytes) >= 0) return 'pdf';
  if (startsWith(bytes, ZIP_MAGIC)) return detectZipFormat(bytes);
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new FileError(
      ERROR_CODES.UNSUPPORTED_FORMAT,
      'The file is an old Word (.doc) or other Office 97-2003 file, which we cannot read; open it in Word or LibreOffice, save it as DOCX or PDF, and try again.',
    );
  }
  const text = decodeText(bytes);
  if (text.trim() === '') throw emptyFile();
  return looksLikeMarkdown(text) ? 'md' : 'txt';
}

/** Offset of `%PDF-` within the first 1024 bytes, or -1. */
export function findPdfHeader(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length - PDF_MAGIC.length, PDF_HEADER_WINDOW);
  for (let offset = 0; offset <= limit; offset++) {
    if (PDF_MAGIC.every((byte, index) => bytes[offset + index] === byte)) return offset;
  }
  return -1;
}

function detectZipFormat(bytes: Uint8Array): Format {
  const names = new Set(readZipDirectory(bytes).map((entry) => entry.name));
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml') || names.has('ppt/presentation.xml') || names.has('content.xml')) {
    throw new FileError(
      ERROR_CODES.UNSUPPORTED_FORMAT,
      'The file is a spreadsheet, presentation or OpenDocument file, not a résumé format we read; export the résumé as PDF or DOCX and try again.',
    );
  }
  throw new FileError(ERROR_CODES.UNSUPPORTED_FORMAT, `The file is a ZIP archive without a Word document inside. ${UNSUPPORTED_MESSAGE}`);
}

/**
 * Decodes a text file: UTF-8 (with or without BOM) or UTF-16 with a BOM. Binary content is
 * UNSUPPORTED_FORMAT; text in a legacy 8-bit encoding is NOT_UTF8.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeStrict('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeStrict('utf-16be', bytes.subarray(2));
  if (looksBinary(bytes)) throw new FileError(ERROR_CODES.UNSUPPORTED_FORMAT, UNSUPPORTED_MESSAGE);
  const withoutBom = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  return decodeStrict('utf-8', withoutBom);
}

function decodeStrict(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    throw new FileError(
      ERROR_CODES.NOT_UTF8,
      `The text file is not valid ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'} (probably a legacy encoding such as Windows-1252); save it as UTF-8 text, or as PDF or DOCX, and try again.`,
      { cause: error },
    );
  }
}

/** NUL bytes, or more than 2% control characters other than tab, newlines and form feed. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, BINARY_SNIFF_BYTES);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    const allowed = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x1b;
    if ((byte < 0x20 && !allowed) || byte === 0x7f) controls++;
  }
  return controls > sample.length * 0.02;
}

const MARKDOWN_SIGNALS: Array<{ pattern: RegExp; weight: number }> = [
  { pattern: /^#{1,6}\s+\S/m, weight: 2 }, // ATX heading
  { pattern: /\[[^\]\n]+\]\([^)\s]+\)/, weight: 2 }, // [text](url)
  { pattern: /^```/m, weight: 2 }, // code fence
  { pattern: /^\S[^\n]*\n(=+|-{3,})[ \t]*$/m, weight: 2 }, // setext heading
  { pattern: /\*\*[^*\n]+\*\*|__[^_\n]+__/, weight: 1 }, // bold
  { pattern: /^\s*[-*+]\s+\S/m, weight: 1 }, // list item (plain text résumés use these too)
];

/** Markdown when at least one strong signal (or two weak ones) is present. */
export function looksLikeMarkdown(text: string): boolean {
  const score = MARKDOWN_SIGNALS.reduce((sum, signal) => sum + (signal.pattern.test(text) ? signal.weight : 0), 0);
  return score >= 2;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

function emptyFile(): FileError {
  return new FileError(ERROR_CODES.EMPTY_FILE, 'The file is empty (no text at all); check that the right file was uploaded.');
}
