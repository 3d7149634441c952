/**
 * pdf-parse, loaded so that it leaves the rest of the process alone.
 *
 * Its bundle includes core-js, which on Node 20 REPLACES two builtins process-wide with JavaScript
 * versions: `Array.prototype.push` (for an edge case V8 ≤ 12.1 gets wrong: `push()` with no
 * arguments on an array whose length is read-only) and `JSON.parse` (to add the "source text
 * access" proposal). Both are several times slower than V8's own, and every `push` and every
 * `JSON.parse` in the process (our layout, tagger, renderers, ioredis replies) then paid for it:
 * in profiles the polyfilled `push` alone was ≈ 6 % of a screening. Neither edge case matters to
 * pdf.js or to us, so the native functions are put back (see restoreNativeBuiltins). Every import of
 * pdf-parse in this project goes through this module (see the test in
 * test/unit/extract/pdf-parse-module.test.ts).
 */
import type * as PdfParseModule from 'pdf-parse';

// Captured before pdf-parse is first required below (a plain require, not a hoisted import).
const nativePush = Array.prototype.push;
const nativeJsonParse = JSON.parse;

/**
 * Puts V8's own `push` and `JSON.parse` back if core-js replaced them. Needed twice: after
 * loading pdf-parse, and after pdf.js has loaded its worker bundle (it is imported on the first
 * document and carries its own core-js), so extractPdf calls this once a document is open. Two
 * identity checks when there is nothing to do.
 */
export function restoreNativeBuiltins(): void {
  if (Array.prototype.push !== nativePush) {
    Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, enumerable: false, configurable: true });
  }
  if (JSON.parse !== nativeJsonParse) {
    Object.defineProperty(JSON, 'parse', { value: nativeJsonParse, writable: true, enumerable: false, configurable: true });
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse') as typeof PdfParseModule;
restoreNativeBuiltins();

export const { PDFParse, FormatError, InvalidPDFException, PasswordException, UnknownErrorException } = pdfParse;
export type PDFParse = PdfParseModule.PDFParse;
