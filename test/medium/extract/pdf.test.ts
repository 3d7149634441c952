import { ERROR_CODES } from '../../../src/errors';
import { DocumentSchema, type ExtractedDocument } from '../../../src/extract/document.schema';
import { extractDocument } from '../../../src/extract/extract';
import { makePdf } from './make-pdf';

/** Runs the real stage and checks the contract every consumer relies on. */
async function extract(bytes: Uint8Array, options = {}): Promise<ExtractedDocument> {
  return DocumentSchema.parse(await extractDocument(bytes, options));
}

const texts = (document: ExtractedDocument): string[] => document.lines.map((line) => line.text);

describe('extractDocument on PDFs (pdf-parse / pdf.js)', () => {
  it('reads a one-column page in order with page, line and section', async () => {
    const bytes = await makePdf((doc) => {
      doc.fontSize(16).text('Harper Quinlan');
      doc.fontSize(10).text('harper@example.org');
      doc.moveDown().fontSize(12).text('EXPERIENCE');
      doc.fontSize(10).text('Research Engineer, Lumen Robotics, 2021-2024');
      doc.text('• Trained policies with reinforcement learning');
      doc.moveDown().fontSize(12).text('EDUCATION');
      doc.fontSize(10).text('MSc Machine Learning, 2020');
    });
    const document = await extract(bytes);
    expect(document.format).toBe('pdf');
    expect(document.pageCount).toBe(1);
    expect(texts(document)).toEqual([
      'Harper Quinlan',
      'harper@example.org',
      'EXPERIENCE',
      'Research Engineer, Lumen Robotics, 2021-2024',
      '- Trained policies with reinforcement learning',
      'EDUCATION',
      'MSc Machine Learning, 2020',
    ]);
    expect(document.lines.map((line) => line.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const bullet = document.lines.find((line) => line.text.includes('reinforcement'));
    expect(bullet).toMatchObject({ page: 1, line: 5, section: 'experience', heading: false, hidden: false });
    expect(document.lines.find((line) => line.text === 'EDUCATION')).toMatchObject({ section: 'education', heading: true });
    expect(document.characters).toBe(texts(document).join('').length);
    expect(texts(document).some((text) => /--\s*\d+\s+of\s+\d+\s*--/.test(text))).toBe(false);
  });

  it('reads a two-column page column by column, never interleaving them', async () => {
    const left = ['SKILLS', 'Python and PyTorch', 'Distributed training', 'Kubernetes', 'EDUCATION', 'MSc Computing, 2019'];
    const right = ['EXPERIENCE', 'Northwind Labs, 2020-2024', 'Trained policy models', 'Built evaluation harnesses', 'Led a team of four', 'Shipped agent tooling'];
    const bytes = await makePdf((doc) => {
      doc.fontSize(18).text('Avery Quill, Research Engineer', 50, 50, { lineBreak: false });
      doc.fontSize(10);
      // Same baselines on both sides: reading across the page would interleave the columns.
      left.forEach((text, index) => doc.text(text, 50, 100 + index * 14, { lineBreak: false }));
      right.forEach((text, index) => doc.text(text, 250, 100 + index * 14, { lineBreak: false }));
    });
    const document = await extract(bytes);
    const order = texts(document);
    expect(order[0]).toBe('Avery Quill, Research Engineer');
    const lastLeft = Math.max(...left.map((text) => order.indexOf(text)));
    const firstRight = Math.min(...right.map((text) => order.indexOf(text)));
    expect(left.every((text) => order.includes(text)) && right.every((text) => order.includes(text))).toBe(true);
    expect(lastLeft).toBeLessThan(firstRight);
    expect(document.lines.find((line) => line.text === 'Kubernetes')).toMatchObject({ origin: 'column 1', section: 'skills' });
    expect(document.lines.find((line) => line.text === 'Shipped agent tooling')).toMatchObject({ origin: 'column 2', section: 'experience' });
    expect(document.warnings.map((warning) => warning.code)).toContain('TWO_COLUMNS');
  });

  it('keeps a one-column page with right-aligned dates in one column', async () => {
    const bytes = await makePdf((doc) => {
      doc.fontSize(10);
      for (let job = 0; job < 3; job++) {
        const top = 60 + job * 90;
        doc.text(`Engineer at Company ${job + 1}`, 50, top, { lineBreak: false });
        doc.text(`201${job} - 201${job + 1}`, 460, top, { lineBreak: false });
        for (let bullet = 1; bullet <= 4; bullet++) doc.text(`Did useful thing number ${bullet} for the team`, 60, top + bullet * 14, { lineBreak: false });
      }
    });
    const document = await extract(bytes);
    expect(document.warnings.map((warning) => warning.code)).not.toContain('TWO_COLUMNS');
    expect(texts(document)[0]).toBe('Engineer at Company 1 2010 - 2011');
  });

  it('marks white text and 1pt text hidden, with the reason, and leaves them out of the character count', async () => {
    const bytes = await makePdf((doc) => {
      doc.fontSize(10).fillColor('black').text('Visible summary line', 50, 50);
      doc.fillColor('white').text('reinforcement learning agents transformers', 50, 80);
      doc.fillColor('black').fontSize(1).text('python pytorch jax', 50, 110);
      doc.fontSize(10).text('Another visible line', 50, 140);
    });
    const document = await extract(bytes);
    const white = document.lines.find((line) => line.text.includes('reinforcement learning'));
    const tiny = document.lines.find((line) => line.text.includes('pytorch'));
    expect(white).toMatchObject({ hidden: true, hiddenReason: 'white text' });
    expect(tiny).toMatchObject({ hidden: true, hiddenReason: 'font size 1pt' });
    expect(document.lines.filter((line) => !line.hidden).map((line) => line.text)).toEqual(['Visible summary line', 'Another visible line']);
    expect(document.characters).toBe('Visible summary line'.length + 'Another visible line'.length);
    expect(document.warnings.map((warning) => warning.code)).toContain('HIDDEN_TEXT');
  });

  it('still finds white text after text drawn outside the page', async () => {
    const bytes = await makePdf((doc) => {
      doc.fontSize(10).text('On the page', 50, 50);
      doc.save().translate(0, 2000);
      for (let index = 0; index < 20; index++) doc.text(`off page filler words number ${index}`, 50, 50 + index * 12, { lineBreak: false });
      doc.restore();
      doc.fillColor('white').text('white keywords after', 50, 300);
    });
    const document = await extract(bytes);
    expect(document.lines.find((line) => line.text === 'white keywords after')).toMatchObject({ hidden: true, hiddenReason: 'white text' });
  });

  it('keeps white text on a dark box visible (a coloured sidebar heading)', async () => {
    const bytes = await makePdf((doc) => {
      doc.rect(40, 40, 200, 40).fill('#1f3a5f');
      doc.fillColor('white').fontSize(12).text('PROFILE', 50, 55, { lineBreak: false });
      doc.fillColor('black').fontSize(10).text('Builds learning systems.', 50, 100);
    });
    const document = await extract(bytes);
    expect(document.lines.find((line) => line.text === 'PROFILE')).toMatchObject({ hidden: false, heading: true });
  });

  it('never reports text drawn outside the page as visible', async () => {
    const bytes = await makePdf((doc) => {
      doc.fontSize(10).text('On the page', 50, 50);
      // pdfkit lays text out inside the page; a transform moves it below the bottom edge.
      doc.save().translate(0, 2000).text('off the page keywords', 50, 50, { lineBreak: false }).restore();
    });
    const document = await extract(bytes);
    // pdf.js already drops glyphs outside the view box; our geometry check is the second net.
    expect(document.lines.filter((line) => !line.hidden).map((line) => line.text)).toEqual(['On the page']);
  });

  it('numbers lines per page across two pages', async () => {
    const bytes = await makePdf((doc) => {
      doc.fontSize(10).text('First page, first line');
      doc.text('First page, second line');
      doc.addPage();
      doc.text('Second page, first line');
    });
    const document = await extract(bytes);
    expect(document.pageCount).toBe(2);
    expect(document.lines.map((line) => [line.page, line.line, line.text])).toEqual([
      [1, 1, 'First page, first line'],
      [1, 2, 'First page, second line'],
      [2, 1, 'Second page, first line'],
    ]);
  });

  it('rejects a truncated PDF as CORRUPT_FILE', async () => {
    const bytes = await makePdf((doc) => doc.text('Some text that will be cut off'));
    await expect(extractDocument(bytes.subarray(0, Math.floor(bytes.length / 2)))).rejects.toMatchObject({
      code: ERROR_CODES.CORRUPT_FILE,
      name: 'FileError',
    });
  });

  it('rejects a password-protected PDF as ENCRYPTED_FILE', async () => {
    const bytes = await makePdf((doc) => doc.text('Secret'), { userPassword: 'open-sesame', ownerPassword: 'owner', pdfVersion: '1.7' });
    await expect(extractDocument(bytes)).rejects.toMatchObject({ code: ERROR_CODES.ENCRYPTED_FILE });
  });

  it('says an image-only PDF needs OCR (NO_TEXT_LAYER)', async () => {
    const bytes = await makePdf((doc) => {
      doc.rect(50, 50, 300, 400).fill('#444444');
      doc.addPage();
      doc.rect(50, 50, 300, 400).fill('#444444');
    });
    await expect(extractDocument(bytes)).rejects.toMatchObject({ code: ERROR_CODES.NO_TEXT_LAYER, message: expect.stringMatching(/2 pages.*OCR/) });
  });

  it('warns about a page without text when other pages have text', async () => {
    const bytes = await makePdf((doc) => {
      doc.fontSize(10).text('Text on page one');
      doc.addPage();
      doc.rect(50, 50, 300, 400).fill('#444444');
    });
    const document = await extract(bytes);
    expect(document.warnings).toContainEqual(expect.objectContaining({ code: 'PAGE_WITHOUT_TEXT', page: 2 }));
  });

  it('rejects PDFs with more pages than maxPages as TOO_COMPLEX', async () => {
    const bytes = await makePdf((doc) => {
      doc.text('one');
      doc.addPage().text('two');
      doc.addPage().text('three');
    });
    await expect(extractDocument(bytes, { maxPages: 2 })).rejects.toMatchObject({ code: ERROR_CODES.TOO_COMPLEX });
  });

  it('rejects files over maxBytes before parsing them', async () => {
    const bytes = await makePdf((doc) => doc.text('small'));
    await expect(extractDocument(bytes, { maxBytes: 100 })).rejects.toMatchObject({ code: ERROR_CODES.FILE_TOO_LARGE });
  });

  it('does not detach or modify the caller\'s bytes', async () => {
    const bytes = await makePdf((doc) => doc.text('Keep my buffer'));
    const copy = bytes.slice();
    await extract(bytes);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(copy))).toBe(0);
  });
});
