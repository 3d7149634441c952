import { findHiddenItems, isWhite, readDrawing } from '../../../src/extract/pdf-visibility';

const glyphs = (text: string): Array<{ unicode: string }> => Array.from(text).map((unicode) => ({ unicode }));
const view = [0, 0, 600, 800];
const positioned = (text: string, y: number, fontSize = 10) => ({ text, x: 50, y, width: 100, fontSize });

describe('findHiddenItems', () => {
  it('maps fill colour and render mode from the operator list onto text items in order', () => {
    const drawing = readDrawing({
      fnArray: [44, 59, 44, 10, 38, 44, 11, 44],
      argsArray: [[glyphs('Seen')], ['#FFFFFF'], [glyphs('White')], null, [3], [glyphs('Ghost')], null, [glyphs('Late')]],
    });
    const reasons = findHiddenItems([positioned('Seen', 700), positioned('White', 680), positioned('Ghost', 660), positioned('Late', 640)], drawing, view);
    expect(reasons).toEqual([undefined, 'white text', 'invisible text (render mode 3)', 'white text']);
  });

  it('treats white text on a dark filled box as visible', () => {
    const drawing = readDrawing({
      fnArray: [59, 91, 59, 44],
      argsArray: [['#202040'], [22, [null], [0, 0, 300, 800]], ['#ffffff'], [glyphs('Sidebar')]],
    });
    expect(findHiddenItems([positioned('Sidebar', 700)], drawing, view)).toEqual([undefined]);
  });

  it('treats invisible text over an image as a scan\'s OCR layer, not hidden text', () => {
    const drawing = readDrawing({
      fnArray: [10, 12, 85, 11, 38, 44],
      argsArray: [null, [600, 0, 0, 800, 0, 0], ['img_1'], null, [3], [glyphs('Scanned')]],
    });
    expect(findHiddenItems([positioned('Scanned', 700)], drawing, view)).toEqual([undefined]);
  });

  it('flags tiny and off-page text from geometry alone', () => {
    const drawing = readDrawing({ fnArray: [], argsArray: [] });
    expect(findHiddenItems([positioned('tiny', 700, 1), positioned('below', -50)], drawing, view)).toEqual(['font size 1pt', 'outside the page']);
  });

  it('treats items it cannot map as visible', () => {
    const drawing = readDrawing({ fnArray: [59, 44], argsArray: [['#ffffff'], [glyphs('abc')]] });
    expect(findHiddenItems([positioned('xyz', 700)], drawing, view)).toEqual([undefined]);
  });
});

describe('isWhite', () => {
  it('accepts white and near-white, rejects grey and unknown', () => {
    expect(isWhite('#ffffff')).toBe(true);
    expect(isWhite('#f4f6f8')).toBe(true);
    expect(isWhite('#cccccc')).toBe(false);
    expect(isWhite(undefined)).toBe(false);
  });
});
