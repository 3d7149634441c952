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

function readdirPdf(): string {
  const folder = join(__dirname, '../../../fixtures/resumes');
  const name = readdirSync(folder).find((file) => file.endsWith('.pdf'));
  if (!name) throw new Error('no PDF fixture');
  return join(folder, name);
}
