/**
 * pdf-parse, loaded so that it leaves the rest of the process alone.
 *
 * Its bundle includes core-js, which on Node 20 REPLACES two builtins process-wide with JavaScript
 * versions: `Array.prototype.push` (for an edge case V8 ≤ 12.1 gets wrong: `push()` with no
 * arguments on an array whose length is read-only) and `JSON.parse` (to add the "source text
 * access" proposal). Both are several times slower than V8's own, and every `push` and every
 * `JSON.parse` in the process (our layout, tagger, renderers, ioredis replies) then paid for it:
 * in profiles the polyfilled `push` alone was ≈ 6 % of a screening. Neither edge case matters to
 * pdf.js or to us, so the native functions are put back (see restoreNativeBuiltins).
 *
 * On import, pdf.js also requires `@napi-rs/canvas` (a native Skia binding, ≈ 16 MB resident in
 * every process and extraction thread that loads it) only to polyfill DOMMatrix, ImageData and
 * Path2D, which it needs to RENDER pages; we only read text and operators. So while pdf-parse
 * loads, that one require is answered with stand-ins (see loadWithoutCanvas), and pdf.js never
 * loads the binding. Every import of pdf-parse in this project goes through this module (lint
 * rule; test/unit/extract/pdf-parse-module.test.ts).
 */
import Module from 'node:module';
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

const CANVAS_PACKAGE = '@napi-rs/canvas';
const RENDERING_GLOBALS = ['DOMMatrix', 'ImageData', 'Path2D'] as const;

function renderingUnsupported(): never {
  throw new Error('resume-evidence loads pdf.js without @napi-rs/canvas: it reads text, it cannot render pages.');
}

/**
 * What pdf.js gets instead of @napi-rs/canvas while it loads. Its import runs one
 * `new DOMMatrix()` (an identity matrix kept for its canvas renderer) and assigns the three
 * classes to globalThis when they are missing; nothing on the text or operator-list path uses
 * them. The other two throw if anything ever tries to render.
 */
const canvasStandIn = {
  DOMMatrix: class DOMMatrix {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
  },
  ImageData: class ImageData {
    constructor() {
      renderingUnsupported();
    }
  },
  Path2D: class Path2D {
    constructor() {
      renderingUnsupported();
    }
  },
};

/**
 * Runs `load` with `require('@napi-rs/canvas')` answered by the stand-in (pdf.js reaches it
 * through `createRequire`, i.e. Node's own loader, even under Jest), then puts the loader back and
 * removes the stand-in classes pdf.js copied to globalThis, so no other code mistakes them for
 * real DOM classes. Node 20 has no public loader hook (module.registerHooks is Node 22), hence
 * `Module._load`, for the duration of one synchronous require.
 */
function loadWithoutCanvas<T>(load: () => T): T {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = loader._load;
  const missingBefore = RENDERING_GLOBALS.filter((name) => !(name in globalThis));
  loader._load = function loadExceptCanvas(this: unknown, request: string, ...rest: unknown[]): unknown {
    return request === CANVAS_PACKAGE ? canvasStandIn : originalLoad.call(this, request, ...rest);
  };
  try {
    return load();
  } finally {
    loader._load = originalLoad;
    const globals = globalThis as Record<string, unknown>;
    for (const name of missingBefore) {
      if (globals[name] === canvasStandIn[name]) delete globals[name];
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = loadWithoutCanvas(() => require('pdf-parse') as typeof PdfParseModule);
restoreNativeBuiltins();

export const { PDFParse, FormatError, InvalidPDFException, PasswordException, UnknownErrorException } = pdfParse;
export type PDFParse = PdfParseModule.PDFParse;
