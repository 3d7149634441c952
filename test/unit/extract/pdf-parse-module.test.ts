import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * pdf-parse's bundled core-js replaces Array.prototype.push and JSON.parse process-wide with
 * slower JavaScript versions; src/extract/pdf-parse-module.ts puts V8's own back. Each case loads
 * the modules in a fresh registry, so pdf-parse's bundle really runs again.
 */
describe('pdf-parse-module', () => {
  const nativePush = Array.prototype.push;
  const nativeJsonParse = JSON.parse;

  afterEach(() => {
    Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, enumerable: false, configurable: true });
    Object.defineProperty(JSON, 'parse', { value: nativeJsonParse, writable: true, enumerable: false, configurable: true });
  });

  it('pdf-parse on its own replaces push and JSON.parse (why the module exists)', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load in an isolated registry
      require('pdf-parse');
    });
    expect(Array.prototype.push).not.toBe(nativePush);
    expect(JSON.parse).not.toBe(nativeJsonParse);
  });

  it('loading it through the module keeps the native push and JSON.parse, and PDFs still parse', async () => {
    let extractPdf: typeof import('../../../src/extract/pdf').extractPdf | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load in an isolated registry
      ({ extractPdf } = require('../../../src/extract/pdf') as typeof import('../../../src/extract/pdf'));
    });
    expect(Array.prototype.push).toBe(nativePush);
    expect(JSON.parse).toBe(nativeJsonParse);
    const pdfName = readdirPdf();
    const extraction = await extractPdf?.(new Uint8Array(readFileSync(pdfName)));
    expect(extraction?.lines.length).toBeGreaterThan(5);
    expect(Array.prototype.push).toBe(nativePush);
  });
});

/**
 * pdf.js requires @napi-rs/canvas on import only to render; the module answers that require with
 * stand-ins. Checked in a fresh Node process (Jest's registry would hide Node's own module cache),
 * where "loaded" means the native binding is mapped into the process.
 */
describe('pdf-parse-module without @napi-rs/canvas', () => {
  const run = (body: string): Record<string, unknown> => {
    const script = `require('tsx/cjs');
      const fs = require('node:fs');
      const report = (extra) => {
        const maps = fs.readFileSync('/proc/self/maps', 'utf8');
        process.stdout.write(JSON.stringify({ canvasMapped: maps.includes('@napi-rs'), DOMMatrix: typeof globalThis.DOMMatrix, ImageData: typeof globalThis.ImageData, Path2D: typeof globalThis.Path2D, ...extra }));
      };
      ${body}`;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '../../..'), encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    // Only our JSON: pdf.js would print "Warning: Cannot load …" on stdout if it noticed.
    return JSON.parse(child.stdout) as Record<string, unknown>;
  };

  it('pdf-parse on its own maps the native canvas binding and sets rendering globals (why the stand-in exists)', () => {
    expect(run(`require('pdf-parse'); report({});`)).toMatchObject({ canvasMapped: true, DOMMatrix: 'function' });
  });

  it('through the module: no canvas binding, no stand-in left on globalThis, and PDFs parse as before', () => {
    const pdf = JSON.stringify(readdirPdf());
    const result = run(`
      const { extractPdf } = require('./src/extract/pdf.ts');
      extractPdf(new Uint8Array(fs.readFileSync(${pdf}))).then((extraction) => report({ lines: extraction.lines.length }));`);
    expect(result).toMatchObject({ canvasMapped: false, DOMMatrix: 'undefined', ImageData: 'undefined', Path2D: 'undefined' });
    expect(result.lines).toBeGreaterThan(5);
  });
});

function readdirPdf(): string {
  const folder = join(__dirname, '../../../fixtures/resumes');
  const name = readdirSync(folder).find((file) => file.endsWith('.pdf'));
  if (!name) throw new Error('no PDF fixture');
  return join(folder, name);
}
