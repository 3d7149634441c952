import { findGutter, layoutPage, type LayoutItem } from '../../../src/extract/pdf-layout';

const item = (text: string, x: number, y: number, extra: Partial<LayoutItem> = {}): LayoutItem => ({
  text,
  x,
  y,
  width: text.length * 5,
  fontSize: 10,
  ...extra,
});

/** Two columns on shared baselines, under a full-width name line. */
function twoColumnPage(): LayoutItem[] {
  const items = [item('Full Width Name Across The Top Of The Page', 50, 800, { width: 450 })];
  for (let row = 0; row < 6; row++) {
    items.push(item(`left ${row}`, 50, 760 - row * 12));
    items.push(item(`right column text ${row}`, 320, 760 - row * 12));
  }
  return items;
}

describe('layoutPage', () => {
  it('reads the left column fully before the right one, full-width lines first', () => {
    const layout = layoutPage(twoColumnPage());
    expect(layout.twoColumns).toBe(true);
    const texts = layout.lines.map((line) => line.text);
    expect(texts[0]).toBe('Full Width Name Across The Top Of The Page');
    expect(texts.slice(1, 7)).toEqual([0, 1, 2, 3, 4, 5].map((row) => `left ${row}`));
    expect(layout.lines.slice(7).every((line) => line.origin === 'column 2')).toBe(true);
  });

  it('joins items of one baseline with a space where there is a gap', () => {
    const layout = layoutPage([item('Python', 50, 700, { width: 30 }), item('PyTorch', 85, 700.5, { width: 35 }), item('s', 120, 700, { width: 5 })]);
    expect(layout.lines.map((line) => line.text)).toEqual(['Python PyTorchs']);
  });

  it('ignores whitespace items that pdf.js stretches across the gutter', () => {
    const items = twoColumnPage();
    items.push(item(' ', 90, 760, { width: 230 }));
    expect(layoutPage(items).twoColumns).toBe(true);
  });

  it('splits hidden items of a line into their own hidden line', () => {
    const layout = layoutPage([item('Visible words', 50, 700), item('secret', 150, 700, { hiddenReason: 'white text' })]);
    expect(layout.lines).toEqual([
      { text: 'Visible words', hidden: false, origin: 'body' },
      { text: 'secret', hidden: true, hiddenReason: 'white text', origin: 'body' },
    ]);
  });
});

describe('findGutter', () => {
  it('finds no gutter on a one-column page', () => {
    const items = [0, 1, 2, 3, 4, 5, 6].map((row) => item('a line of ordinary body text that is long', 50, 700 - row * 12, { width: 400 }));
    expect(findGutter(items)).toBeUndefined();
  });

  it('finds the gutter between two columns', () => {
    const gutter = findGutter(twoColumnPage());
    expect(gutter).toBeGreaterThan(90);
    expect(gutter).toBeLessThan(320);
  });
});
