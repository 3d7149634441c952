import { inflateSync } from 'node:zlib';

/**
 * Works out which pdf.js text items a reader cannot see, from the page's operator list (fill
 * colour, text render mode, fill alpha, painted backgrounds) and the items' geometry.
 *
 * pdf-parse re-exports none of pdf.js's `OPS`, and the CommonJS build cannot import pdfjs-dist's
 * ES module, so the few operator codes we need are copied from pdfjs-dist 5.4.296
 * (src/shared/util.js, `const OPS`; the copy bundled in pdf-parse's dist/pdf-parse/cjs/index.cjs has
 * the same values). pdf-parse is pinned to 2.4.5, which bundles that version; re-check these
 * numbers if the pin moves. In that version the evaluator rewrites every fill
 * colour (gray, CMYK, any colour space) to `setFillRGBColor` with one "#rrggbb" argument.
 */
const OPS = {
  setGState: 9,
  save: 10,
  restore: 11,
  transform: 12,
  setTextRenderingMode: 38,
  showText: 44,
  showSpacedText: 45,
  nextLineShowText: 46,
  nextLineSetSpacingShowText: 47,
  setFillRGBColor: 59,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  beginGroup: 76,
  endGroup: 77,
  paintImageMaskXObject: 83,
  paintImageXObject: 85,
  paintInlineImageXObject: 86,
  constructPath: 91,
  setFillTransparent: 93,
} as const;

/** Paint operators (the first argument of constructPath) that fill the path. */
const FILL_PAINT_OPS = new Set([22, 23, 24, 25, 26, 27]);
const SHOW_TEXT_OPS = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
/** Text render mode 3 draws nothing (used for OCR layers, and for hiding keywords). */
const INVISIBLE_RENDER_MODE = 3;
/** Below this size text is unreadable on paper. */
export const MIN_VISIBLE_FONT_SIZE = 2;
/** How far ahead we look for a glyph when text content and operator list disagree. */
const RESYNC_WINDOW = 64;

export interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

type Matrix = [number, number, number, number, number, number];
interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface Background extends Rect {
  /** Images may be a scanned page under an OCR text layer; fills are coloured boxes. */
  kind: 'image' | 'fill';
}
interface DrawState {
  ctm: Matrix;
  /** "#rrggbb", or undefined when unknown (patterns, shadings). */
  fill: string | undefined;
  fillAlpha: number;
  renderMode: number;
}

/** The drawing state of one visible glyph, in content-stream order. */
export interface GlyphState {
  char: string;
  fill: string | undefined;
  fillAlpha: number;
  renderMode: number;
}

/** What the operator list tells us about a page. */
export interface PageDrawing {
  glyphs: GlyphState[];
  /** Filled areas in a non-white colour and images: white text on them is visible. */
  backgrounds: Background[];
}

/** Walks the operator list once, tracking the graphics state that matters for visibility. */
export function readDrawing(operatorList: OperatorList): PageDrawing {
  const glyphs: GlyphState[] = [];
  const backgrounds: Background[] = [];
  const stack: DrawState[] = [];
  let state: DrawState = { ctm: [1, 0, 0, 1, 0, 0], fill: '#000000', fillAlpha: 1, renderMode: 0 };
  const count = operatorList.fnArray.length;
  for (let index = 0; index < count; index++) {
    const fn = operatorList.fnArray[index];
    const args = operatorList.argsArray[index];
    const first = Array.isArray(args) ? (args[0] as unknown) : undefined;
    switch (fn) {
      case OPS.save:
      case OPS.beginGroup:
        stack.push({ ...state });
        break;
      case OPS.restore:
      case OPS.endGroup:
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.paintFormXObjectBegin:
        stack.push({ ...state });
        if (isMatrix(first)) state = { ...state, ctm: multiply(state.ctm, first) };
        break;
      case OPS.transform:
        if (isMatrix(args)) state = { ...state, ctm: multiply(state.ctm, args) };
        break;
      case OPS.setFillRGBColor:
        state = { ...state, fill: typeof first === 'string' ? first.toLowerCase() : undefined };
        break;
      case OPS.setFillTransparent:
        state = { ...state, fill: undefined };
        break;
      case OPS.setTextRenderingMode:
        if (typeof first === 'number') state = { ...state, renderMode: first };
        break;
      case OPS.setGState:
        state = { ...state, fillAlpha: readFillAlpha(first) ?? state.fillAlpha };
        break;
      case OPS.constructPath: {
        const paint = first;
        const bounds = Array.isArray(args) ? (args[2] as unknown) : undefined;
        if (typeof paint === 'number' && FILL_PAINT_OPS.has(paint) && isBox(bounds) && !isWhite(state.fill)) {
          const rect = transformRect(state.ctm, { x0: bounds[0], y0: bounds[1], x1: bounds[2], y1: bounds[3] });
          backgrounds.push({ ...rect, kind: 'fill' });
        }
        break;
      }
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
        // Images are drawn into the unit square of the current matrix; we cannot tell their
        // colour, so white text on them is given the benefit of the doubt.
        backgrounds.push({ ...transformRect(state.ctm, { x0: 0, y0: 0, x1: 1, y1: 1 }), kind: 'image' });
        break;
      default:
        if (fn !== undefined && SHOW_TEXT_OPS.has(fn) && Array.isArray(first)) {
          for (const glyph of first as unknown[]) {
            const unicode = glyphUnicode(glyph);
            if (unicode === undefined) continue;
            for (const char of visibleChars(unicode)) {
              glyphs.push({ char, fill: state.fill, fillAlpha: state.fillAlpha, renderMode: state.renderMode });
            }
          }
        }
    }
  }
  return { glyphs, backgrounds };
}

/** A text item with the geometry we need (PDF user space, y up). */
export interface PositionedText {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

/**
 * Returns, for each item in order, why it is hidden (or undefined when visible). Text content
 * items and showText glyphs come from the same content stream in the same order, so we walk both
 * and match characters; when they disagree we resynchronise, and an item we cannot match is
 * treated as visible rather than guessed hidden.
 */
export function findHiddenItems(
  items: readonly PositionedText[],
  drawing: PageDrawing,
  view: readonly number[],
): Array<string | undefined> {
  const stream = glyphStream(drawing.glyphs);
  let cursor = 0;
  return items.map((item) => {
    const chars = visibleChars(item.text);
    const states: GlyphState[] = [];
    const whole = findRun(stream, chars, cursor);
    if (whole >= 0) {
      // The item's text appears as one run of glyphs: the normal case.
      // A loop, not push(...slice): one huge item must not overflow the stack.
      for (let index = whole; index < whole + chars.length; index++) states.push(drawing.glyphs[index] as GlyphState);
      cursor = whole + chars.length;
    } else {
      // pdf.js rewrote some characters: match them one by one, nearby only.
      for (const char of chars) {
        const found = findGlyph(drawing.glyphs, char, cursor);
        const glyph = found < 0 ? undefined : drawing.glyphs[found];
        if (!glyph) continue;
        states.push(glyph);
        cursor = found + 1;
      }
    }
    return geometryReason(item, view) ?? drawingReason(item, states, drawing.backgrounds);
  });
}

/** The glyph characters as one string, with the glyph index of each code-unit offset. */
interface GlyphStream {
  text: string;
  offsetOfGlyph: number[];
  glyphAtOffset: Map<number, number>;
}

function glyphStream(glyphs: readonly GlyphState[]): GlyphStream {
  let text = '';
  const offsetOfGlyph: number[] = [];
  const glyphAtOffset = new Map<number, number>();
  glyphs.forEach((glyph, index) => {
    offsetOfGlyph.push(text.length);
    glyphAtOffset.set(text.length, index);
    text += glyph.char;
  });
  return { text, offsetOfGlyph, glyphAtOffset };
}

/**
 * Index of the first glyph of the next run spelling `chars` at or after glyph `from`, or -1.
 * pdf.js leaves glyphs outside the page out of the text content, so runs may be skipped.
 */
function findRun(stream: GlyphStream, chars: readonly string[], from: number): number {
  if (chars.length === 0) return -1;
  const start = stream.offsetOfGlyph[from] ?? stream.text.length;
  const offset = stream.text.indexOf(chars.join(''), start);
  return offset < 0 ? -1 : (stream.glyphAtOffset.get(offset) ?? -1);
}

function findGlyph(glyphs: readonly GlyphState[], char: string, from: number): number {
  const end = Math.min(glyphs.length, from + RESYNC_WINDOW);
  for (let index = from; index < end; index++) if (glyphs[index]?.char === char) return index;
  return -1;
}

function geometryReason(item: PositionedText, view: readonly number[]): string | undefined {
  if (item.fontSize > 0 && item.fontSize < MIN_VISIBLE_FONT_SIZE) {
    return `font size ${formatSize(item.fontSize)}pt`;
  }
  const [left = -Infinity, bottom = -Infinity, right = Infinity, top = Infinity] = view;
  if (item.x + item.width < left || item.x > right || item.y + item.fontSize < bottom || item.y > top) {
    return 'outside the page';
  }
  return undefined;
}

/** Hidden when most of the item's glyphs are drawn invisibly. */
function drawingReason(item: PositionedText, states: readonly GlyphState[], backgrounds: readonly Background[]): string | undefined {
  if (states.length === 0) return undefined;
  const majority = (test: (state: GlyphState) => boolean): boolean =>
    states.filter(test).length * 2 > states.length;
  // Invisible text over an image is a scanned page's OCR layer: the reader sees the image.
  const onImage = onBackground(item, backgrounds, 'image');
  if (majority((state) => state.renderMode === INVISIBLE_RENDER_MODE) && !onImage) return 'invisible text (render mode 3)';
  if (majority((state) => state.fillAlpha === 0) && !onImage) return 'transparent text';
  // White text on a dark box or a picture (a coloured sidebar) is visible.
  if (majority((state) => isWhite(state.fill)) && !onImage && !onBackground(item, backgrounds, 'fill')) return 'white text';
  return undefined;
}

function onBackground(item: PositionedText, backgrounds: readonly Background[], kind: Background['kind']): boolean {
  const x = item.x + Math.max(0, item.width) / 2;
  const y = item.y + item.fontSize / 3;
  return backgrounds.some((rect) => rect.kind === kind && x >= rect.x0 && x <= rect.x1 && y >= rect.y0 && y <= rect.y1);
}

/** White or near-white (every channel ≥ 0xF0): invisible on the white page. */
export function isWhite(fill: string | undefined): boolean {
  if (fill === undefined || !/^#[0-9a-f]{6}$/i.test(fill)) return false;
  const channels = [1, 3, 5].map((offset) => parseInt(fill.slice(offset, offset + 2), 16));
  return channels.every((channel) => channel >= 0xf0);
}

function readFillAlpha(gState: unknown): number | undefined {
  if (!Array.isArray(gState)) return undefined;
  let alpha: number | undefined;
  for (const entry of gState as unknown[]) {
    if (Array.isArray(entry) && entry[0] === 'ca' && typeof entry[1] === 'number') alpha = entry[1];
  }
  return alpha;
}

function glyphUnicode(glyph: unknown): string | undefined {
  if (typeof glyph !== 'object' || glyph === null || !('unicode' in glyph)) return undefined;
  const unicode = (glyph as { unicode: unknown }).unicode;
  return typeof unicode === 'string' ? unicode : undefined;
}

/** Characters that leave ink, compared after NFKC so ligatures match on both sides. */
function visibleChars(text: string): string[] {
  return Array.from(text.normalize('NFKC').replace(/\s+/gu, ''));
}

function isMatrix(value: unknown): value is Matrix {
  return (
    (Array.isArray(value) || ArrayBuffer.isView(value)) &&
    (value as ArrayLike<unknown>).length === 6 &&
    Array.from(value as ArrayLike<unknown>).every((n) => typeof n === 'number')
  );
}

function isBox(value: unknown): value is [number, number, number, number] {
  if (!(Array.isArray(value) || ArrayBuffer.isView(value))) return false;
  const numbers = Array.from(value as ArrayLike<unknown>);
  return numbers.length === 4 && numbers.every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** `cm` semantics: the new matrix applies `m` first, then the current one (as pdf.js does). */
function multiply(current: Matrix, m: ArrayLike<number>): Matrix {
  const [a, b, c, d, e, f] = current;
  const [ma = 1, mb = 0, mc = 0, md = 1, me = 0, mf = 0] = Array.from(m);
  return [
    a * ma + c * mb,
    b * ma + d * mb,
    a * mc + c * md,
    b * mc + d * md,
    a * me + c * mf + e,
    b * me + d * mf + f,
  ];
}

function transformRect(m: Matrix, rect: Rect): Rect {
  const corners = [
    [rect.x0, rect.y0],
    [rect.x0, rect.y1],
    [rect.x1, rect.y0],
    [rect.x1, rect.y1],
  ].map(([x = 0, y = 0]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]] as const);
  const xs = corners.map((corner) => corner[0]);
  const ys = corners.map((corner) => corner[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function formatSize(size: number): string {
  return size >= 1 ? String(Math.round(size * 10) / 10) : size.toFixed(2);
}

/** Hidden reasons from geometry alone (tiny or off-page text), for pages drawn in plain dark ink. */
export function findHiddenByGeometry(items: readonly PositionedText[], view: readonly number[]): Array<string | undefined> {
  return items.map((item) => geometryReason(item, view));
}

/*
 * A conservative pre-scan of the raw file, so the operator list (≈ as costly as the text content
 * itself in pdf.js) is only requested when drawing could hide text. Hiding by drawing needs a
 * light fill colour, a text render mode other than 0 or a fill alpha: each needs an operator (or
 * an ExtGState entry) in some content stream. Every content stream is decoded and every
 * colour / render-mode / graphics-state operator found must be provably harmless; anything we
 * cannot read or classify (encryption, filters other than Flate, unknown colour spaces, patterns,
 * operands we cannot parse) answers "may hide", which costs time, never a missed hidden line.
 * Text in literal strings or inline-image bytes can only add false alarms, never hide an operator.
 */

/** A fill colour this dark is never "white" to `isWhite` (channels ≥ 0xF0), with margin. */
const DARK_GRAY_MAX = 0.9;
const DARK_CMYK_MIN = 0.2;
/** ExtGState fill alpha below this might be treated as transparent. */
const SAFE_FILL_ALPHA_MIN = 0.5;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const DEVICE_SPACES = new Set(['/DeviceGray', '/DeviceRGB', '/DeviceCMYK', '/G', '/RGB', '/CMYK']);
/** Operators that set the fill colour, colour space, render mode or graphics state. */
const STATE_OPERATOR = /(?<=^|[\s)\]>}])(rg|g|k|scn|sc|cs|Tr|gs)(?=[\s()<>[\]{}/%]|$)/g;
const STREAM_START = />>\s*stream(?:\r\n|\n|\r)/g;
/** Streams pdf.js never interprets as page content: images, fonts, metadata, cross-reference and object streams. */
const NOT_CONTENT = /\/Subtype\s*\/(?:Image|Type1C|CIDFontType0C|OpenType)\b|\/Length[123]\b|\/Type\s*\/(?:XRef|Metadata|ObjStm|EmbeddedFile)\b/;

/**
 * True when some content stream in the PDF might draw text invisibly (light fill, render mode,
 * fill alpha) or cannot be checked; false only when every colour operator in the file is a
 * plain dark colour and no render mode or transparent graphics state is set.
 */
export function mayHideTextByDrawing(bytes: Uint8Array): boolean {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (/\/Encrypt\b/.test(file)) return true;
  const streams: Array<{ object: string | undefined; dictionary: string; data: Uint8Array }> = [];
  let dictionaries = '';
  let plainFrom = 0;
  STREAM_START.lastIndex = 0;
  for (let match = STREAM_START.exec(file); match !== null; match = STREAM_START.exec(file)) {
    const dataStart = match.index + match[0].length;
    const dataEnd = file.indexOf('endstream', dataStart);
    if (dataEnd < 0) return true;
    const dictionary = streamDictionary(file, match.index);
    if (dictionary === undefined) return true;
    dictionaries += file.slice(plainFrom, dataStart);
    plainFrom = dataEnd;
    STREAM_START.lastIndex = dataEnd;
    const data = bytes.subarray(dataStart, dataEnd);
    if (/\/Type\s*\/ObjStm\b/.test(dictionary)) {
      // Compressed objects are dictionaries (font descriptors, ExtGStates): read them as such.
      const decoded = decodeStream(dictionary, data);
      if (decoded === undefined) return true;
      dictionaries += decoded;
      continue;
    }
    if (NOT_CONTENT.test(dictionary)) continue;
    const dictionaryStart = match.index + 2 - dictionary.length;
    const object = OBJECT_HEADER.exec(file.slice(Math.max(0, dictionaryStart - 32), dictionaryStart))?.slice(1, 3).join(' ');
    streams.push({ object, dictionary, data });
  }
  dictionaries += file.slice(plainFrom);
  if (hasLowFillAlpha(dictionaries)) return true;
  const fontPrograms = fontProgramObjects(dictionaries);
  const contents: string[] = [];
  for (const stream of streams) {
    if (stream.object !== undefined && fontPrograms.has(stream.object)) continue;
    const decoded = decodeStream(stream.dictionary, stream.data);
    if (decoded === undefined) return true;
    contents.push(decoded);
  }
  const deviceSpacesOnly = contents.every((content) => colourSpacesAreDevice(content));
  return contents.some((content) => hasRiskyOperator(content, deviceSpacesOnly));
}

/** `12 0 obj` right before a stream's dictionary. */
const OBJECT_HEADER = /(\d+)\s+(\d+)\s+obj\s*$/;

/**
 * Objects used only as embedded font programs (`/FontFile`, `/FontFile2`, `/FontFile3`): binary
 * font data pdf.js never runs as page content, in which stray bytes would look like colour
 * operators (PDFKit and others write TrueType programs without the `/Length1` that NOT_CONTENT
 * recognises). An object that is referenced anywhere else too (a page's /Contents, a form
 * XObject) is still checked, so a content stream cannot hide by also posing as a font.
 */
function fontProgramObjects(dictionaries: string): Set<string> {
  const asFontFile = new Map<string, number>();
  for (const match of dictionaries.matchAll(/\/FontFile[23]?\s+(\d+)\s+(\d+)\s+R\b/g)) {
    const object = `${match[1] ?? ''} ${match[2] ?? ''}`;
    asFontFile.set(object, (asFontFile.get(object) ?? 0) + 1);
  }
  const fontPrograms = new Set<string>();
  if (asFontFile.size === 0) return fontPrograms;
  const references = new Map<string, number>();
  for (const match of dictionaries.matchAll(/(?<![\d.])(\d+)\s+(\d+)\s+R\b/g)) {
    const object = `${match[1] ?? ''} ${match[2] ?? ''}`;
    if (asFontFile.has(object)) references.set(object, (references.get(object) ?? 0) + 1);
  }
  for (const [object, count] of asFontFile) if (references.get(object) === count) fontPrograms.add(object);
  return fontPrograms;
}

/** The `<< … >>` before a `stream` keyword (matching nested dictionaries), or undefined. */
function streamDictionary(file: string, closeIndex: number): string | undefined {
  let depth = 0;
  for (let index = closeIndex + 1; index > 0; index--) {
    const pair = file.slice(index - 1, index + 1);
    if (pair === '>>') {
      depth++;
      index--;
    } else if (pair === '<<') {
      depth--;
      if (depth === 0) return file.slice(index - 1, closeIndex + 2);
      index--;
    }
  }
  return undefined;
}

/** The stream's bytes as latin1 text, or undefined when they cannot be read here. */
function decodeStream(dictionary: string, data: Uint8Array): string | undefined {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dictionary)?.[1];
  const filters = filter === undefined ? [] : filter.replace(/[[\]]/g, ' ').trim().split(/\s+/);
  if (filters.length === 0) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  if (filters.length !== 1 || (filters[0] !== '/FlateDecode' && filters[0] !== '/Fl') || /\/DecodeParms\b/.test(dictionary)) return undefined;
  try {
    return inflateSync(data).toString('latin1');
  } catch {
    return undefined;
  }
}

function hasLowFillAlpha(dictionaries: string): boolean {
  const pattern = /\/ca\s*([^\s/>\]]*)/g;
  for (let match = pattern.exec(dictionaries); match !== null; match = pattern.exec(dictionaries)) {
    const value = match[1] ?? '';
    if (!NUMBER.test(value) || Number(value) < SAFE_FILL_ALPHA_MIN) return true;
  }
  return false;
}

/** Every `cs` names a device space, so `sc`/`scn` operand counts say gray, RGB or CMYK. */
function colourSpacesAreDevice(content: string): boolean {
  const pattern = /(?<=^|[\s)\]>}])cs(?=[\s()<>[\]{}/%]|$)/g;
  for (let match = pattern.exec(content); match !== null; match = pattern.exec(content)) {
    const operand = content.slice(Math.max(0, match.index - 64), match.index).trim().split(/\s+/).pop();
    if (!DEVICE_SPACES.has(operand ?? '')) return false;
  }
  return true;
}

function hasRiskyOperator(content: string, deviceSpacesOnly: boolean): boolean {
  STATE_OPERATOR.lastIndex = 0;
  for (let match = STATE_OPERATOR.exec(content); match !== null; match = STATE_OPERATOR.exec(content)) {
    const operator = match[1];
    const operands = content.slice(Math.max(0, match.index - 96), match.index).trim().split(/\s+/);
    if (!operatorIsHarmless(operator, operands, deviceSpacesOnly)) return true;
  }
  return false;
}

function operatorIsHarmless(operator: string | undefined, before: readonly string[], deviceSpacesOnly: boolean): boolean {
  switch (operator) {
    case 'gs':
      // Fill alpha was checked in every ExtGState dictionary.
      return true;
    case 'cs':
      return DEVICE_SPACES.has(before[before.length - 1] ?? '');
    case 'Tr':
      return lastNumbers(before, 1)?.[0] === 0;
    case 'g':
      return isDark(lastNumbers(before, 1));
    case 'rg':
      return isDark(lastNumbers(before, 3));
    case 'k':
      return isDark(lastNumbers(before, 4));
    case 'sc':
    case 'scn': {
      if (!deviceSpacesOnly) return false;
      const count = trailingNumberCount(before);
      return count === 1 || count === 3 || count === 4 ? isDark(lastNumbers(before, count)) : false;
    }
    default:
      return false;
  }
}

function trailingNumberCount(tokens: readonly string[]): number {
  let count = 0;
  while (count < tokens.length && NUMBER.test(tokens[tokens.length - 1 - count] ?? '')) count++;
  return count;
}

function lastNumbers(tokens: readonly string[], count: number): number[] | undefined {
  const last = tokens.slice(-count);
  return last.length === count && last.every((token) => NUMBER.test(token)) ? last.map(Number) : undefined;
}

/** Gray, RGB or CMYK components that can never come out near-white. */
function isDark(components: readonly number[] | undefined): boolean {
  if (components === undefined) return false;
  if (components.length === 4) return Math.max(...components) >= DARK_CMYK_MIN;
  return Math.min(...components) <= DARK_GRAY_MAX;
}
