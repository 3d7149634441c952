import JSZip from 'jszip';
import { ERROR_CODES, FileError } from '../../../src/errors';
import { decodeText, detectFormat, looksLikeMarkdown } from '../../../src/extract/detect';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function zipWith(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof FileError) return error.code;
    throw error;
  }
  return undefined;
}

/** A deterministic pseudo-random byte generator (no Math.random in tests). */
function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

describe('detectFormat', () => {
  it('recognises a PDF by its %PDF- header', () => {
    expect(detectFormat(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('pdf');
  });

  it('accepts a little junk before the PDF header, as pdf.js does', () => {
    const junk = new Uint8Array(200).fill(0x20);
    expect(detectFormat(new Uint8Array([...junk, ...utf8('%PDF-1.4\n')]))).toBe('pdf');
  });

  it('does not look for a PDF header beyond the first 1024 bytes', () => {
    const text = `${'plain words '.repeat(120)}\n%PDF-1.4`;
    expect(detectFormat(utf8(text))).toBe('txt');
  });

  it('recognises a DOCX as a ZIP holding word/document.xml', async () => {
    const bytes = await zipWith({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(detectFormat(bytes)).toBe('docx');
  });

  it('rejects a ZIP that is not a Word document (an .xlsx) as UNSUPPORTED_FORMAT', async () => {
    const bytes = await zipWith({ 'xl/workbook.xml': '<workbook/>' });
    expect(codeOf(() => detectFormat(bytes))).toBe(ERROR_CODES.UNSUPPORTED_FORMAT);
    const archive = await zipWith({ 'notes/readme.txt': 'hello' });
    expect(codeOf(() => detectFormat(archive))).toBe(ERROR_CODES.UNSUPPORTED_FORMAT);
  });

  it('reports a truncated ZIP as CORRUPT_FILE', async () => {
    const bytes = await zipWith({ 'word/document.xml': '<w:document/>'.repeat(50) });
    expect(codeOf(() => detectFormat(bytes.subarray(0, 60)))).toBe(ERROR_CODES.CORRUPT_FILE);
  });

  it('rejects an old Word .doc (OLE) with advice to save as DOCX or PDF', () => {
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(() => detectFormat(bytes)).toThrow(expect.objectContaining({ code: ERROR_CODES.UNSUPPORTED_FORMAT }));
    expect(() => detectFormat(bytes)).toThrow(/save it as DOCX or PDF/);
  });

  it('rejects random binary bytes as UNSUPPORTED_FORMAT, saying which formats work', () => {
    for (const seed of [1, 2, 3]) {
      expect(() => detectFormat(noise(2048, seed))).toThrow(expect.objectContaining({ code: ERROR_CODES.UNSUPPORTED_FORMAT }));
    }
    expect(() => detectFormat(noise(2048, 4))).toThrow(/not a PDF, DOCX, TXT or Markdown file/);
  });

  it('rejects a PNG image as UNSUPPORTED_FORMAT', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(codeOf(() => detectFormat(png))).toBe(ERROR_CODES.UNSUPPORTED_FORMAT);
  });

  it('reports empty and whitespace-only files as EMPTY_FILE', () => {
    expect(codeOf(() => detectFormat(new Uint8Array()))).toBe(ERROR_CODES.EMPTY_FILE);
    expect(codeOf(() => detectFormat(utf8(' \n\t\r\n  ')))).toBe(ERROR_CODES.EMPTY_FILE);
  });

  it('reports Latin-1 text as NOT_UTF8, asking for UTF-8', () => {
    const latin1 = new Uint8Array([...utf8('Ren'), 0xe9, ...utf8(' Dupont, Montr'), 0xe9, ...utf8('al\n')]);
    expect(codeOf(() => detectFormat(latin1))).toBe(ERROR_CODES.NOT_UTF8);
    expect(() => detectFormat(latin1)).toThrow(/save it as UTF-8/);
  });

  it('reads UTF-8 text with and without a byte-order mark', () => {
    expect(detectFormat(utf8('Dana Whitfield\nResearch engineer\n'))).toBe('txt');
    expect(detectFormat(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Dana Whitfield\n')]))).toBe('txt');
  });

  it('tells Markdown from plain text by content, not by name', () => {
    expect(detectFormat(utf8('# Dana Whitfield\n\n## Experience\n- Built things\n'))).toBe('md');
    expect(detectFormat(utf8('Dana Whitfield\nSee [my site](https://example.org)\n'))).toBe('md');
    expect(detectFormat(utf8('Dana Whitfield\n- Built things\n- Ran things\n'))).toBe('txt');
  });
});

describe('decodeText', () => {
  it('decodes UTF-16 little- and big-endian text with a byte-order mark', () => {
    const text = 'Zoë Marsh — ML';
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    expect(decodeText(le)).toBe(text);
    const swapped = Buffer.from(text, 'utf16le');
    swapped.swap16();
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...swapped]))).toBe(text);
  });
});

describe('looksLikeMarkdown', () => {
  it('needs more than a dash list to call text Markdown', () => {
    expect(looksLikeMarkdown('- one\n- two')).toBe(false);
    expect(looksLikeMarkdown('- one\n- **two**')).toBe(true);
  });
});
