import { FormatError, InvalidPDFException, PasswordException, PDFParse, restoreNativeBuiltins, UnknownErrorException } from './pdf-parse-module';
import { ERROR_CODES, FileError } from '../errors';
import { layoutPage, type LayoutItem } from './pdf-layout';
import { findHiddenByGeometry, findHiddenItems, mayHideTextByDrawing, readDrawing, type OperatorList } from './pdf-visibility';
import type { RawExtraction, RawLine } from './raw-line';

/** Pages we read at most unless told otherwise; résumés are 1-4 pages. */
export const DEFAULT_MAX_PAGES = 50;

export interface PdfOptions {
  /** Reject documents with more pages (TOO_COMPLEX). Default 50. */
  maxPages?: number;
}

/** pdf.js AnnotationMode.DISABLE: annotation appearances are not in the text content either. */
const ANNOTATIONS_DISABLED = 0;

/** pdf-parse's own page joiner ("-- 1 of 2 --"); a PDF that prints one still must not reach evidence. */
const PAGE_MARKER = /^\s*--\s*\d+\s+of\s+\d+\s*--\s*$/;

/** The parts of pdf.js's PDFDocumentProxy we use. */
interface PdfJsDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfJsPage>;
}
interface PdfJsPage {
  view: number[];
  getTextContent(): Promise<{ items: unknown[] }>;
  getOperatorList(options?: { annotationMode?: number }): Promise<OperatorList>;
  cleanup(): unknown;
}

/**
 * Extracts positioned lines from a PDF with pdf-parse's bundled pdf.js. pdf-parse's getText()
 * throws positions away, which column order and hidden-text checks need, so we reach for the
 * pdf.js document it keeps in its TypeScript-private `doc` field. That is why pdf-parse is
 * pinned to exactly 2.4.5: check `pdfJsDocument` still works before moving the pin.
 */
export async function extractPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<RawExtraction> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  // pdf.js transfers (detaches) the buffer it is given: hand it a copy, never the caller's bytes.
  const parser = new PDFParse({ data: bytes.slice() });
  try {
    const document = await loadDocument(parser);
    // The first document makes pdf.js import its worker bundle, whose core-js patches builtins again.
    restoreNativeBuiltins();
    // Most résumés are drawn in plain dark ink: then the operator list cannot hide anything.
    const checkDrawing = mayHideTextByDrawing(bytes);
    const pageCount = document.numPages;
    if (pageCount > maxPages) {
      throw new FileError(
        ERROR_CODES.TOO_COMPLEX,
        `The PDF has ${pageCount} pages, more than the ${maxPages} we read; send the résumé on its own (not a portfolio or a merged batch).`,
      );
    }
    const lines: RawLine[] = [];
    const warnings: RawExtraction['warnings'] = [];
    const pagesWithoutText: number[] = [];
    for (let pageNumber = 1; pageNumber <= pageCount; pageNumber++) {
      const page = await document.getPage(pageNumber);
      try {
        const layout = await readPage(page, checkDrawing);
        if (!layout.hasText) pagesWithoutText.push(pageNumber);
        if (layout.twoColumns) {
          warnings.push({
            code: 'TWO_COLUMNS',
            message: `Page ${pageNumber} is set in two columns: the left column is read fully before the right one.`,
            page: pageNumber,
          });
        }
        for (const line of layout.lines) {
          if (PAGE_MARKER.test(line.text)) continue;
          lines.push({ page: pageNumber, ...line });
        }
      } finally {
        page.cleanup();
      }
    }
    if (pagesWithoutText.length === pageCount) {
      throw new FileError(
        ERROR_CODES.NO_TEXT_LAYER,
        `The PDF has no text layer (${pageCount} ${pageCount === 1 ? 'page' : 'pages'}, images only): it needs OCR, which this tool does not do; ask for a PDF exported from the original document.`,
      );
    }
    for (const page of pagesWithoutText) {
      warnings.push({
        code: 'PAGE_WITHOUT_TEXT',
        message: `Page ${page} has no text layer (an image or a scan); its content is not read.`,
        page,
      });
    }
    return { pageCount, lines, warnings };
  } catch (error) {
    throw toFileError(error);
  } finally {
    await parser.destroy();
  }
}

async function readPage(
  page: PdfJsPage,
  checkDrawing: boolean,
): Promise<{ lines: ReturnType<typeof layoutPage>['lines']; twoColumns: boolean; hasText: boolean }> {
  const content = await page.getTextContent();
  const items = content.items.flatMap(toPositioned);
  if (!items.some((item) => item.text.trim() !== '')) return { lines: [], twoColumns: false, hasText: false };
  const reasons = checkDrawing
    ? findHiddenItems(items, readDrawing(await page.getOperatorList({ annotationMode: ANNOTATIONS_DISABLED })), page.view)
    : findHiddenByGeometry(items, page.view);
  const laidOut: LayoutItem[] = items.map((item, index) => {
    const hiddenReason = reasons[index];
    return hiddenReason === undefined ? item : { ...item, hiddenReason };
  });
  const layout = layoutPage(laidOut);
  return { ...layout, hasText: true };
}

/** A pdf.js TextItem as LayoutItem; marked-content entries (no `str`) are skipped. */
function toPositioned(raw: unknown): LayoutItem[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const item = raw as { str?: unknown; transform?: unknown; width?: unknown };
  if (typeof item.str !== 'string' || !Array.isArray(item.transform)) return [];
  const [a, b, , , x, y] = item.transform as unknown[];
  if (typeof a !== 'number' || typeof b !== 'number' || typeof x !== 'number' || typeof y !== 'number') return [];
  const width = typeof item.width === 'number' ? item.width : 0;
  return [{ text: item.str, x, y, width, fontSize: Math.hypot(a, b) }];
}

/**
 * Opens the document once. pdf-parse's public getInfo() also reads metadata, outline,
 * permissions and page labels, which we never use; its private `load()` only opens it.
 */
async function loadDocument(parser: PDFParse): Promise<PdfJsDocument> {
  const load: unknown = (parser as unknown as { load?: unknown }).load;
  if (typeof load === 'function') await (load as () => Promise<unknown>).call(parser);
  else await parser.getInfo();
  return pdfJsDocument(parser);
}

function pdfJsDocument(parser: PDFParse): PdfJsDocument {
  const document: unknown = (parser as unknown as { doc?: unknown }).doc;
  if (
    typeof document === 'object' &&
    document !== null &&
    typeof (document as { numPages?: unknown }).numPages === 'number' &&
    typeof (document as { getPage?: unknown }).getPage === 'function'
  ) {
    return document as PdfJsDocument;
  }
  throw new FileError(
    ERROR_CODES.INTERNAL,
    "pdf-parse's internals changed (its private `doc` field is not a pdf.js document): pin pdf-parse back to 2.4.5 or update src/extract/pdf.ts.",
  );
}

const CORRUPT_NAMES = new Set(['InvalidPDFException', 'FormatError', 'UnknownErrorException', 'MissingPDFException', 'UnexpectedResponseException']);

function toFileError(error: unknown): unknown {
  if (error instanceof FileError) return error;
  const name = error instanceof Error ? error.name : '';
  if (error instanceof PasswordException || name === 'PasswordException') {
    return new FileError(
      ERROR_CODES.ENCRYPTED_FILE,
      'The PDF is password-protected; ask the candidate for a copy without a password (or print it to a new PDF) and try again.',
      { cause: error },
    );
  }
  if (
    error instanceof InvalidPDFException ||
    error instanceof FormatError ||
    error instanceof UnknownErrorException ||
    CORRUPT_NAMES.has(name)
  ) {
    return new FileError(
      ERROR_CODES.CORRUPT_FILE,
      'The PDF is damaged or truncated and cannot be read; ask for the file again or re-export it from the original document.',
      { cause: error },
    );
  }
  return error;
}
