import { Document, Footer, Header, Packer, Paragraph, Table, TableCell, TableRow, TextRun, HeadingLevel } from 'docx';
import JSZip from 'jszip';
import { ERROR_CODES } from '../../../src/errors';
import { DocumentSchema, type ExtractedDocument } from '../../../src/extract/document.schema';
import { extractDocument } from '../../../src/extract/extract';

type SectionChildren = Array<Paragraph | Table>;

async function makeDocx(children: SectionChildren, extras: { header?: string; footer?: string } = {}): Promise<Uint8Array> {
  const document = new Document({
    sections: [
      {
        ...(extras.header ? { headers: { default: new Header({ children: [new Paragraph(extras.header)] }) } } : {}),
        ...(extras.footer ? { footers: { default: new Footer({ children: [new Paragraph(extras.footer)] }) } } : {}),
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

async function extract(bytes: Uint8Array): Promise<ExtractedDocument> {
  return DocumentSchema.parse(await extractDocument(bytes));
}

const texts = (document: ExtractedDocument): string[] => document.lines.map((line) => line.text);

describe('extractDocument on DOCX (mammoth + our header/footer and run scan)', () => {
  it('keeps a soft line break as two lines', async () => {
    const bytes = await makeDocx([
      new Paragraph({ children: [new TextRun('Python, PyTorch'), new TextRun({ text: 'Kubernetes, Terraform', break: 1 })] }),
    ]);
    const document = await extract(bytes);
    expect(document.format).toBe('docx');
    expect(texts(document)).toEqual(['Python, PyTorch', 'Kubernetes, Terraform']);
  });

  it('keeps table cells apart so a skills table reads sensibly', async () => {
    const row = (label: string, value: string): TableRow =>
      new TableRow({ children: [new TableCell({ children: [new Paragraph(label)] }), new TableCell({ children: [new Paragraph(value)] })] });
    const bytes = await makeDocx([
      new Paragraph({ text: 'Skills', heading: HeadingLevel.HEADING_1 }),
      new Table({ rows: [row('Languages', 'Python, C++'), row('Frameworks', 'PyTorch, JAX')] }),
    ]);
    const document = await extract(bytes);
    expect(texts(document)).toEqual(['Skills', 'Languages | Python, C++', 'Frameworks | PyTorch, JAX']);
    expect(document.lines[1]).toMatchObject({ origin: 'table', section: 'skills', heading: false });
    expect(texts(document).join(' ')).not.toMatch(/LanguagesPython|C\+\+Frameworks/);
  });

  it('reads header and footer text, header first and footer last, with their origin', async () => {
    const bytes = await makeDocx([new Paragraph('Experience'), new Paragraph('Engineer at Fernhill Labs')], {
      header: 'Sasha Ridley · sasha@example.org',
      footer: 'Portfolio: example.org/sasha',
    });
    const document = await extract(bytes);
    expect(document.lines[0]).toMatchObject({ text: 'Sasha Ridley · sasha@example.org', origin: 'header', section: 'header' });
    expect(document.lines[document.lines.length - 1]).toMatchObject({ text: 'Portfolio: example.org/sasha', origin: 'footer' });
  });

  it('marks a vanish (Word "hidden") run hidden and keeps the visible part of its paragraph', async () => {
    const bytes = await makeDocx([
      new Paragraph('Summary'),
      new Paragraph({ children: [new TextRun('Builds data pipelines. '), new TextRun({ text: 'reinforcement learning expert', vanish: true })] }),
      new Paragraph({ children: [new TextRun({ text: 'large language models', vanish: true })] }),
      new Paragraph({ children: [new TextRun({ text: 'agents agents agents', color: 'FFFFFF' })] }),
      new Paragraph('Visible closing line'),
    ]);
    const document = await extract(bytes);
    const visible = document.lines.filter((line) => !line.hidden).map((line) => line.text);
    expect(visible).toEqual(['Summary', 'Builds data pipelines.', 'Visible closing line']);
    expect(document.lines.find((line) => line.text === 'reinforcement learning expert')).toMatchObject({ hidden: true, hiddenReason: expect.stringMatching(/hidden/) });
    expect(document.lines.find((line) => line.text === 'large language models')).toMatchObject({ hidden: true });
    expect(document.lines.find((line) => line.text === 'agents agents agents')).toMatchObject({ hidden: true, hiddenReason: 'white text' });
    expect(document.characters).toBe(visible.join('').length);
  });

  it('reports one page and says why', async () => {
    const document = await extract(await makeDocx([new Paragraph('Only line')]));
    expect(document.pageCount).toBe(1);
    expect(document.lines.every((line) => line.page === 1)).toBe(true);
    expect(document.warnings).toContainEqual(expect.objectContaining({ code: 'DOCX_NO_PAGES' }));
  });

  it('writes list items with a "- " bullet', async () => {
    const bytes = await makeDocx([new Paragraph({ text: 'Trained a model', bullet: { level: 0 } })]);
    expect(texts(await extract(bytes))).toEqual(['- Trained a model']);
  });

  it('rejects a DOCX whose declared unpacked size is over 50 MB (zip bomb) as TOO_COMPLEX', async () => {
    const zip = await JSZip.loadAsync(await makeDocx([new Paragraph('Line')]));
    zip.file('word/media/padding.bin', new Uint8Array(51 * 1024 * 1024), { compression: 'DEFLATE' });
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    await expect(extractDocument(bytes)).rejects.toMatchObject({ code: ERROR_CODES.TOO_COMPLEX });
  });

  it('rejects a DOCX with a damaged document part as CORRUPT_FILE', async () => {
    const bytes = await makeDocx([new Paragraph('Line')]);
    const view = Buffer.from(bytes);
    // Overwrite the compressed data of the first entry, keeping the directory intact.
    view.fill(0x41, 60, 400);
    await expect(extractDocument(new Uint8Array(view))).rejects.toMatchObject({ code: ERROR_CODES.CORRUPT_FILE });
  });

  it('rejects a DOCX without any text as EMPTY_FILE', async () => {
    await expect(extractDocument(await makeDocx([new Paragraph('')]))).rejects.toMatchObject({ code: ERROR_CODES.EMPTY_FILE });
  });
});
