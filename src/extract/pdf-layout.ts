/**
 * Turns positioned text items of one PDF page into lines in reading order. Pure geometry: no
 * pdf.js types here, so the column logic is unit-testable with hand-made items.
 */

/** A text item in PDF user space (y grows upwards), with its visibility already decided. */
export interface LayoutItem {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  hiddenReason?: string;
}

export interface LayoutLine {
  text: string;
  hidden: boolean;
  hiddenReason?: string;
  origin: string;
}

export interface PageLayout {
  lines: LayoutLine[];
  /** True when the page was read as two columns (left fully, then right). */
  twoColumns: boolean;
}

/** A gutter narrower than this is a word gap, not a column gap. */
const MIN_GUTTER_WIDTH = 10;
/** Gutters are looked for away from the page's text edges. */
const GUTTER_SEARCH_MARGIN = 0.15;
const MIN_COLUMN_LINES = 3;
const MIN_COLUMN_SHARE = 0.1;
/** Lines that cross the gutter (name, contact line) may hold at most this share of the text. */
const MAX_FULL_WIDTH_SHARE = 0.35;
/** Column lines follow each other closely; sparse right-aligned dates do not form a column. */
const MAX_COLUMN_LINE_GAP_EM = 2.6;

type Region = 'full' | 'left' | 'right';

/** Lays out one page: columns detected on the visible text, then lines grouped by baseline. */
export function layoutPage(allItems: readonly LayoutItem[]): PageLayout {
  // Whitespace-only items carry no text and pdf.js stretches them across gutters.
  const items = allItems.filter((item) => item.text.trim() !== '');
  const gutter = findGutter(items.filter((item) => item.hiddenReason === undefined));
  if (gutter === undefined) {
    return { lines: groupLines(items).flatMap((line) => renderLine(line, 'body')), twoColumns: false };
  }
  const regions: Record<Region, LayoutItem[]> = { full: [], left: [], right: [] };
  for (const item of items) {
    const region = regionOf(item, gutter);
    // Hidden text across the gutter must not split the columns into bands.
    const placed = region === 'full' && item.hiddenReason !== undefined ? (item.x < gutter ? 'left' : 'right') : region;
    regions[placed].push(item);
  }
  return { lines: readColumns(regions), twoColumns: true };
}

function regionOf(item: LayoutItem, gutter: number): Region {
  if (item.x + item.width <= gutter) return 'left';
  if (item.x >= gutter) return 'right';
  return 'full';
}

/**
 * Full-width lines split the page into bands; inside a band the left column is read fully, then
 * the right one, so lines of the two columns never interleave.
 */
function readColumns(regions: Record<Region, LayoutItem[]>): LayoutLine[] {
  const full = groupLines(regions.full);
  const left = groupLines(regions.left);
  const right = groupLines(regions.right);
  const result: LayoutLine[] = [];
  const takeAbove = (lines: GroupedLine[], y: number, origin: string): void => {
    while (lines.length > 0 && (lines[0]?.y ?? -Infinity) > y) {
      const line = lines.shift();
      if (line) result.push(...renderLine(line, origin));
    }
  };
  for (const separator of full) {
    takeAbove(left, separator.y, 'column 1');
    takeAbove(right, separator.y, 'column 2');
    result.push(...renderLine(separator, 'body'));
  }
  takeAbove(left, -Infinity, 'column 1');
  takeAbove(right, -Infinity, 'column 2');
  return result;
}

/**
 * Finds the x of a vertical gutter: a band no text crosses (except a few full-width lines),
 * with substantial, densely set text on both sides. Returns undefined for one-column pages.
 */
export function findGutter(items: readonly LayoutItem[]): number | undefined {
  if (items.length < MIN_COLUMN_LINES * 2) return undefined;
  const minX = minOf(items, (item) => item.x);
  const maxX = maxOf(items, (item) => item.x + item.width);
  const span = maxX - minX;
  if (span <= MIN_GUTTER_WIDTH * 4) return undefined;
  const totalChars = sumChars(items);
  const from = Math.ceil(minX + span * GUTTER_SEARCH_MARGIN);
  const to = Math.floor(maxX - span * GUTTER_SEARCH_MARGIN);

  // Characters of items crossing each candidate x; the gutter is the widest run of the minimum.
  const crossing = crossingChars(items, from, to);
  const least = minOf(crossing, (chars) => chars);
  if (!Number.isFinite(least) || least > totalChars * MAX_FULL_WIDTH_SHARE) return undefined;
  let best: { start: number; length: number } | undefined;
  let runStart = -1;
  for (let index = 0; index <= crossing.length; index++) {
    if (index < crossing.length && crossing[index] === least) {
      if (runStart < 0) runStart = index;
      continue;
    }
    if (runStart >= 0 && (!best || index - runStart > best.length)) best = { start: runStart, length: index - runStart };
    runStart = -1;
  }
  if (!best) return undefined;
  const gutter = from + best.start + best.length / 2;

  const left = items.filter((item) => regionOf(item, gutter) === 'left');
  const right = items.filter((item) => regionOf(item, gutter) === 'right');
  const gap = minOf(right, (item) => item.x) - maxOf(left, (item) => item.x + item.width);
  if (gap < MIN_GUTTER_WIDTH) return undefined;
  const columnChars = sumChars(left) + sumChars(right);
  if (sumChars(left) < columnChars * MIN_COLUMN_SHARE || sumChars(right) < columnChars * MIN_COLUMN_SHARE) return undefined;
  if (!isColumn(left) || !isColumn(right)) return undefined;
  if (!overlapVertically(left, right)) return undefined;
  return gutter;
}

/**
 * For each integer x in [from, to], the characters of the items with item.x < x < item.x + width.
 * One pass over the items into a difference array: filtering every item at every x was
 * O(page width × items), the single largest cost of our own layout code on two-column pages.
 */
function crossingChars(items: readonly LayoutItem[], from: number, to: number): number[] {
  const length = to - from + 1;
  if (!(length > 0)) return [];
  const delta = new Array<number>(length + 1).fill(0);
  for (const item of items) {
    const chars = item.text.trim().length;
    if (chars === 0) continue;
    // The integers strictly inside (item.x, item.x + width), clipped to the searched range.
    const first = Math.max(from, Math.floor(item.x) + 1);
    const last = Math.min(to, Math.ceil(item.x + item.width) - 1);
    if (!(first <= last)) continue;
    delta[first - from] = (delta[first - from] ?? 0) + chars;
    delta[last - from + 1] = (delta[last - from + 1] ?? 0) - chars;
  }
  const crossing: number[] = [];
  let running = 0;
  for (let index = 0; index < length; index++) {
    running += delta[index] ?? 0;
    crossing.push(running);
  }
  return crossing;
}

/** Enough lines, set close together (median gap between consecutive baselines). */
function isColumn(items: readonly LayoutItem[]): boolean {
  const lines = groupLines(items);
  if (lines.length < MIN_COLUMN_LINES) return false;
  const gaps = lines.slice(1).map((line, index) => (lines[index]?.y ?? line.y) - line.y);
  const sizes = items.map((item) => item.fontSize).sort((a, b) => a - b);
  const fontSize = sizes[Math.floor(sizes.length / 2)] ?? 10;
  return median(gaps) <= fontSize * MAX_COLUMN_LINE_GAP_EM;
}

/** The two sides share at least half of the shorter side's height. */
function overlapVertically(left: readonly LayoutItem[], right: readonly LayoutItem[]): boolean {
  const extent = (items: readonly LayoutItem[]): [number, number] => [
    minOf(items, (item) => item.y),
    maxOf(items, (item) => item.y + item.fontSize),
  ];
  const [leftBottom, leftTop] = extent(left);
  const [rightBottom, rightTop] = extent(right);
  const shared = Math.min(leftTop, rightTop) - Math.max(leftBottom, rightBottom);
  return shared >= 0.5 * Math.min(leftTop - leftBottom, rightTop - rightBottom);
}

interface GroupedLine {
  y: number;
  items: LayoutItem[];
}

/** Groups items sharing a baseline (within 45% of the font size), top to bottom, left to right. */
export function groupLines(items: readonly LayoutItem[]): GroupedLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: GroupedLine[] = [];
  for (const item of sorted) {
    const current = lines[lines.length - 1];
    const tolerance = 0.45 * Math.max(item.fontSize, current?.items[0]?.fontSize ?? 0, 1);
    if (current && Math.abs(current.y - item.y) <= tolerance) current.items.push(item);
    else lines.push({ y: item.y, items: [item] });
  }
  for (const line of lines) line.items.sort((a, b) => a.x - b.x);
  return lines;
}

/**
 * Joins a line's items, adding a space where there is a horizontal gap. Hidden items become a
 * line of their own right after the visible ones, so hidden text never mixes with evidence.
 */
function renderLine(line: GroupedLine, origin: string): LayoutLine[] {
  const visible = line.items.filter((item) => item.hiddenReason === undefined);
  const hidden = line.items.filter((item) => item.hiddenReason !== undefined);
  const result: LayoutLine[] = [];
  if (visible.length > 0) result.push({ text: joinItems(visible), hidden: false, origin });
  if (hidden.length > 0) {
    const reasons = [...new Set(hidden.map((item) => item.hiddenReason))].join(', ');
    result.push({ text: joinItems(hidden), hidden: true, hiddenReason: reasons, origin });
  }
  return result;
}

function joinItems(items: readonly LayoutItem[]): string {
  const parts: string[] = [];
  // Tracked, not read back with /\s$/ from the growing string: that flattens it on every item,
  // and a hostile page with 100,000 text items on one line then took minutes (quadratic).
  let endsWithSpace = false;
  let previous: LayoutItem | undefined;
  for (const item of items) {
    if (previous) {
      const gap = item.x - (previous.x + previous.width);
      const spaced = endsWithSpace || /^\s/.test(item.text);
      if (!spaced && gap > 0.15 * Math.max(item.fontSize, previous.fontSize)) {
        parts.push(' ');
        endsWithSpace = true;
      }
    }
    parts.push(item.text);
    if (item.text !== '') endsWithSpace = /\s$/.test(item.text);
    previous = item;
  }
  return parts.join('');
}

function sumChars(items: readonly LayoutItem[]): number {
  return items.reduce((sum, item) => sum + item.text.trim().length, 0);
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Infinity;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Infinity;
}

/*
 * Loops, not `Math.min(...values)`: spreading passes every value as an argument on the stack,
 * and a hostile page with a few hundred thousand text items overflows it (RangeError) instead of
 * running into the extraction budget.
 */
function minOf<T>(values: readonly T[], value: (item: T) => number): number {
  let least = Infinity;
  for (const item of values) least = Math.min(least, value(item));
  return least;
}

function maxOf<T>(values: readonly T[], value: (item: T) => number): number {
  let most = -Infinity;
  for (const item of values) most = Math.max(most, value(item));
  return most;
}
