import { ERROR_CODES } from '../../../src/errors';
import { DocumentSchema } from '../../../src/extract/document.schema';
import { extractDocument, finish } from '../../../src/extract/extract';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('extractDocument on text and Markdown', () => {
  it('returns a schema-valid Markdown document with sections and per-page line numbers', async () => {
    const markdown = '# Jordan Pike\n\n## Experience\n- Applied reinforce-\nment learning to **robots**\n\f## Skills\nPython\n';
    const document = DocumentSchema.parse(await extractDocument(utf8(markdown)));
    expect(document.format).toBe('md');
    expect(document.pageCount).toBe(2);
    expect(document.lines.map((line) => [line.page, line.line, line.text, line.section, line.heading])).toEqual([
      [1, 1, 'Jordan Pike', 'header', false],
      [1, 2, 'Experience', 'experience', true],
      [1, 3, '- Applied reinforcement', 'experience', false],
      [1, 4, 'learning to robots', 'experience', false],
      [2, 1, 'Skills', 'skills', true],
      [2, 2, 'Python', 'skills', false],
    ]);
    expect(document.characters).toBe(document.lines.reduce((sum, line) => sum + line.text.length, 0));
  });

  it('rejects files over maxBytes as FILE_TOO_LARGE before reading them', async () => {
    await expect(extractDocument(utf8('x'.repeat(2000)), { maxBytes: 1000 })).rejects.toMatchObject({ code: ERROR_CODES.FILE_TOO_LARGE });
  });
});

describe('finish', () => {
  it('counts hidden lines in numbering but not in characters, and warns about them', () => {
    const document = finish('pdf', {
      pageCount: 1,
      warnings: [],
      lines: [
        { page: 1, text: 'Visible', hidden: false },
        { page: 1, text: 'secret words', hidden: true, hiddenReason: 'white text' },
        { page: 1, text: '   ', hidden: false },
        { page: 1, text: 'Also visible', hidden: false },
      ],
    });
    expect(document.lines.map((line) => line.line)).toEqual([1, 2, 3]);
    expect(document.characters).toBe('Visible'.length + 'Also visible'.length);
    expect(document.warnings).toContainEqual(expect.objectContaining({ code: 'HIDDEN_TEXT', page: 1 }));
  });

  it('does not rejoin hyphenated words across columns or into hidden text', () => {
    const document = finish('pdf', {
      pageCount: 1,
      warnings: [],
      lines: [
        { page: 1, text: 'reinforce-', hidden: false, origin: 'column 1' },
        { page: 1, text: 'ment', hidden: false, origin: 'column 2' },
      ],
    });
    expect(document.lines.map((line) => line.text)).toEqual(['reinforce-', 'ment']);
  });
});
