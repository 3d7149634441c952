import { extractPlainText, stripMarkdown } from '../../../src/extract/text';

describe('extractPlainText', () => {
  it('keeps one line per source line and drops blank lines', () => {
    const result = extractPlainText('Rowan Lake\r\n\r\nResearch engineer\n  \nPython\n', 'txt');
    expect(result.lines.map((line) => line.text)).toEqual(['Rowan Lake', 'Research engineer', 'Python']);
    expect(result.pageCount).toBe(1);
    expect(result.lines.every((line) => line.page === 1 && !line.hidden)).toBe(true);
  });

  it('starts a new page at a form feed', () => {
    const result = extractPlainText('Page one text\n\fPage two text\n', 'txt');
    expect(result.pageCount).toBe(2);
    expect(result.lines.map((line) => [line.page, line.text])).toEqual([
      [1, 'Page one text'],
      [2, 'Page two text'],
    ]);
  });

  it('strips Markdown markup but keeps what a reader sees', () => {
    const markdown = [
      '# Rowan Lake',
      '',
      '## Experience',
      '- **Built** an _evaluation_ harness, see [repo](https://example.org/x)',
      '```',
      'not a line',
      '```',
      '---',
      '| Skill | Years |',
      '|-------|-------|',
      '| Python | 6 |',
    ].join('\n');
    expect(extractPlainText(markdown, 'md').lines.map((line) => line.text)).toEqual([
      'Rowan Lake',
      'Experience',
      '- Built an evaluation harness, see repo (https://example.org/x)',
      'not a line',
      ' Skill | Years ',
      ' Python | 6 ',
    ]);
  });

  it('drops HTML comments in Markdown, which a reader never sees', () => {
    const result = extractPlainText('Visible\n<!--\nkeywords keywords\n-->\nAlso visible <!-- hidden -->', 'md');
    expect(result.lines.map((line) => line.text)).toEqual(['Visible', 'Also visible ']);
  });
});

describe('stripMarkdown', () => {
  it('keeps snake_case words and arithmetic stars intact', () => {
    expect(stripMarkdown('Used torch_geometric and 2 * 3 * 4')).toBe('Used torch_geometric and 2 * 3 * 4');
  });
});
