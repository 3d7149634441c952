import { markHidden } from '../../../src/extract/docx';
import { hiddenReason, scanParagraphs } from '../../../src/extract/docx-xml';
import { htmlToLines } from '../../../src/extract/html-lines';

describe('htmlToLines', () => {
  it('makes a line of each block and <br>, decoding entities', () => {
    const html = '<h1>Casey &amp; Co</h1><p>Python<br />Go</p><ul><li>One<ul><li>Nested</li></ul></li></ul>';
    expect(htmlToLines(html).map((line) => line.text)).toEqual(['Casey & Co', 'Python', 'Go', '- One', '- Nested']);
  });

  it('joins one-line cells with " | " and lists multi-line cells line by line', () => {
    const html =
      '<table><tr><td><p>Languages</p></td><td><p>Python</p></td></tr>' +
      '<tr><td><p>Tools</p></td><td><p>Docker</p><p>Git</p></td></tr></table>';
    expect(htmlToLines(html)).toEqual([
      { text: 'Languages | Python', origin: 'table' },
      { text: 'Tools', origin: 'table' },
      { text: 'Docker', origin: 'table' },
      { text: 'Git', origin: 'table' },
    ]);
  });
});

describe('scanParagraphs', () => {
  it('separates vanish, white and tiny runs from visible text', () => {
    const xml =
      '<w:p><w:r><w:t>Seen </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>gone</w:t></w:r></w:p>' +
      '<w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>white</w:t></w:r></w:p>' +
      '<w:p><w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:t>tiny</w:t></w:r><w:r><w:br/><w:t>next &amp; last</w:t></w:r></w:p>';
    const paragraphs = scanParagraphs(xml);
    expect(paragraphs.map((paragraph) => paragraph.hidden.map((segment) => segment.reason))).toEqual([
      ['hidden text (Word "hidden" format)'],
      ['white text'],
      ['font size 1pt'],
    ]);
    expect(paragraphs[2]?.visible).toBe(' \nnext & last');
  });

  it('keeps white text in a dark-shaded table cell visible', () => {
    const xml = '<w:tc><w:tcPr><w:shd w:val="clear" w:fill="1F3A5F"/></w:tcPr><w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>Sidebar</w:t></w:r></w:p></w:tc>';
    expect(scanParagraphs(xml)[0]).toEqual({ visible: 'Sidebar', hidden: [] });
  });
});

describe('hiddenReason', () => {
  it('ignores an explicitly switched-off vanish', () => {
    expect(hiddenReason('<w:rPr><w:vanish w:val="0"/></w:rPr><w:t>x</w:t>')).toBeUndefined();
  });
});

describe('markHidden', () => {
  it('pins a hidden segment on the line of its own paragraph, not an earlier visible mention', () => {
    const lines = [
      { page: 1, text: 'Python', hidden: false },
      { page: 1, text: 'Builds tools Python', hidden: false },
    ];
    const marked = markHidden(lines, [{ visible: 'Builds tools ', hidden: [{ text: 'Python', reason: 'white text' }] }]);
    expect(marked).toEqual([
      { page: 1, text: 'Python', hidden: false },
      { page: 1, text: 'Builds tools', hidden: false },
      { page: 1, text: 'Python', hidden: true, hiddenReason: 'white text' },
    ]);
  });
});
