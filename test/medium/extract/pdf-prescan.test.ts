import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { mayHideTextByDrawing } from '../../../src/extract/pdf-visibility';
import { makePdf } from './make-pdf';

/**
 * The pre-scan decides whether pdf.js's (costly) operator list is read for hidden-text checks.
 * A wrong "false" would let hidden text through, so these tests pin the safe direction.
 */
describe('mayHideTextByDrawing', () => {
  it('lets plain black text skip the operator list', async () => {
    const pdf = await makePdf((doc) => doc.fontSize(11).fillColor('black').text('Trained PPO agents for tool use.'));
    expect(mayHideTextByDrawing(pdf)).toBe(false);
  });

  it('asks for the full check when any text is drawn in white or near-white', async () => {
    const white = await makePdf((doc) => doc.text('Visible line.').fillColor('white').text('RLHF PPO NeurIPS'));
    const nearWhite = await makePdf((doc) => doc.text('Visible line.').fillColor('#fdfdfd').text('RLHF PPO NeurIPS'));
    expect(mayHideTextByDrawing(white)).toBe(true);
    expect(mayHideTextByDrawing(nearWhite)).toBe(true);
  });

  it('asks for the full check when text is drawn with a low fill opacity', async () => {
    const faint = await makePdf((doc) => doc.text('Visible line.').fillOpacity(0.05).text('hidden keywords'));
    expect(mayHideTextByDrawing(faint)).toBe(true);
  });

  it('asks for the full check for the invisible render mode in a hand-written content stream', () => {
    expect(mayHideTextByDrawing(pdfWithContent('BT /F1 12 Tf 3 Tr 72 700 Td (hidden RLHF) Tj ET'))).toBe(true);
    expect(mayHideTextByDrawing(pdfWithContent('BT /F1 12 Tf 0 g 72 700 Td (visible) Tj ET'))).toBe(false);
  });

  it('skips embedded font programs (binary bytes that look like operators), as most real exports have them', async () => {
    const fonts = join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts');
    const embedded = await makePdf((doc) => {
      doc.registerFont('Body', join(fonts, 'LiberationSans-Regular.ttf'));
      doc.font('Body').fontSize(11).fillColor('black').text('Trained PPO agents for tool use; Python, RLHF, NeurIPS 2023.');
    });
    expect(pdfText(embedded)).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(mayHideTextByDrawing(embedded)).toBe(false);
    // …and still catches white text drawn with that font.
    const white = await makePdf((doc) => {
      doc.registerFont('Body', join(fonts, 'LiberationSans-Regular.ttf'));
      doc.font('Body').text('Visible line.').fillColor('white').text('RLHF PPO NeurIPS');
    });
    expect(mayHideTextByDrawing(white)).toBe(true);
  });

  it('still reads a content stream that also poses as a font program', () => {
    // Object 4 is the page's content AND a FontFile2: it must be checked, not skipped as a font.
    const posing = pdfWithContent('BT /F1 12 Tf 3 Tr 72 700 Td (hidden RLHF) Tj ET', { extraObjects: '5 0 obj << /Type /FontDescriptor /FontName /X /FontFile2 4 0 R >> endobj\n' });
    expect(mayHideTextByDrawing(posing)).toBe(true);
  });

  it('asks for the full check when it cannot read a content stream', () => {
    expect(mayHideTextByDrawing(pdfWithContent('not deflate data', { rawFilter: '/LZWDecode' }))).toBe(true);
    expect(mayHideTextByDrawing(pdfWithContent('x', { rawBody: Buffer.from([0x78, 0x9c, 0xff, 0x00, 0x13]) }))).toBe(true);
  });
});

/** A minimal one-page PDF whose content stream is `content`, Flate-compressed unless told otherwise. */
function pdfWithContent(content: string, options: { rawFilter?: string; rawBody?: Buffer; extraObjects?: string } = {}): Uint8Array {
  const body = options.rawBody ?? (options.rawFilter ? Buffer.from(content, 'latin1') : deflateSync(Buffer.from(content, 'latin1')));
  const filter = options.rawFilter ?? '/FlateDecode';
  const head = Buffer.from(
    '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n' +
      (options.extraObjects ?? '') +
      `4 0 obj << /Length ${body.length} /Filter ${filter} >>\nstream\n`,
    'latin1',
  );
  const tail = Buffer.from('\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  return new Uint8Array(Buffer.concat([head, body, tail]));
}

function pdfText(pdf: Uint8Array): string {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
}
