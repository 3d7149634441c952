import { decodeEntities } from './html-lines';

/**
 * A small regex scan of WordprocessingML (document.xml, header*.xml, footer*.xml). Mammoth gives
 * us the body text but neither headers/footers nor run formatting, which hidden-text checks need.
 * Best effort: text boxes nested inside paragraphs are read as part of the outer paragraph.
 */

/** A paragraph's text split into visible and hidden parts, in order. */
export interface ScannedParagraph {
  /** Visible text, with `<w:br/>` as "\n" and `<w:tab/>` as "\t". */
  visible: string;
  hidden: Array<{ text: string; reason: string }>;
}

const PARAGRAPH = /<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g;
const RUN = /<w:r(?:\s[^>]*)?>([\s\S]*?)<\/w:r>/g;
const RUN_CONTENT = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/>/g;
/** Below 4 half-points (2pt) text is unreadable on paper. */
const MIN_VISIBLE_HALF_POINTS = 4;

export function scanParagraphs(xml: string): ScannedParagraph[] {
  const paragraphs: ScannedParagraph[] = [];
  const shaded = shadedRanges(xml);
  const pageIsDark = isDark(/<w:background\s[^>]*w:color="([0-9A-Fa-f]{6})"/.exec(xml)?.[1]);
  for (const paragraph of xml.matchAll(PARAGRAPH)) {
    const scanned: ScannedParagraph = { visible: '', hidden: [] };
    const start = paragraph.index;
    const paragraphShaded = pageIsDark || shaded.some(([from, to]) => start >= from && start < to) || hasDarkShading(paragraph[1] ?? '');
    for (const run of (paragraph[1] ?? '').matchAll(RUN)) {
      const body = run[1] ?? '';
      const text = runText(body);
      if (text === '') continue;
      const reason = hiddenReason(body, paragraphShaded);
      if (reason === undefined) {
        scanned.visible += text;
        continue;
      }
      const last = scanned.hidden[scanned.hidden.length - 1];
      // Adjacent hidden runs (Word splits runs freely) form one hidden segment.
      if (last && last.reason === reason && scanned.visible.endsWith(HIDDEN_MARK)) last.text += text;
      else {
        scanned.hidden.push({ text, reason });
        scanned.visible += HIDDEN_MARK;
      }
    }
    scanned.visible = scanned.visible.split(HIDDEN_MARK).join(' ');
    paragraphs.push(scanned);
  }
  return paragraphs;
}

/** Marks where a hidden segment was, so adjacent hidden runs can be merged. */
const HIDDEN_MARK = '\u0000';

function runText(runBody: string): string {
  let text = '';
  for (const match of runBody.matchAll(RUN_CONTENT)) {
    if (match[1] !== undefined) text += decodeEntities(match[1]);
    else if (match[2] === 'tab') text += '\t';
    else text += '\n';
  }
  return text;
}

/**
 * Why a run is invisible: `w:vanish`, white colour (unless on a dark shading, as in coloured
 * sidebars), or a size under 2pt.
 */
export function hiddenReason(runBody: string, onDarkBackground = false): string | undefined {
  const properties = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(runBody)?.[1];
  if (properties === undefined) return undefined;
  const vanish = /<w:vanish(?:\s+w:val="([^"]*)")?\s*\/>/.exec(properties);
  if (vanish && !['0', 'false', 'off'].includes(vanish[1] ?? 'true')) return 'hidden text (Word "hidden" format)';
  const color = /<w:color\s[^>]*w:val="([0-9A-Fa-f]{6})"/.exec(properties)?.[1];
  if (color && isWhite(color) && !onDarkBackground && !hasDarkShading(properties)) {
    return 'white text';
  }
  const size = /<w:sz\s+w:val="(\d+)"/.exec(properties)?.[1];
  if (size !== undefined && Number(size) < MIN_VISIBLE_HALF_POINTS) return `font size ${Number(size) / 2}pt`;
  return undefined;
}

function isWhite(hex: string): boolean {
  return [0, 2, 4].every((offset) => parseInt(hex.slice(offset, offset + 2), 16) >= 0xf0);
}

function isDark(hex: string | undefined): boolean {
  return hex !== undefined && /^[0-9A-Fa-f]{6}$/.test(hex) && !isWhite(hex);
}

/** A `w:shd` fill or `w:highlight` other than white/auto/none behind the text. */
function hasDarkShading(xml: string): boolean {
  const fill = /<w:shd\s[^>]*w:fill="([0-9A-Fa-f]{6})"/.exec(xml)?.[1];
  const highlight = /<w:highlight\s+w:val="([a-zA-Z]+)"/.exec(xml)?.[1];
  return isDark(fill) || (highlight !== undefined && !['white', 'none'].includes(highlight));
}

/** Character ranges of table cells with a dark fill (approximate for nested tables). */
function shadedRanges(xml: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const cell of xml.matchAll(/<w:tc(?:\s[^>]*)?>\s*<w:tcPr>([\s\S]*?)<\/w:tcPr>/g)) {
    if (!hasDarkShading(cell[1] ?? '')) continue;
    const end = xml.indexOf('</w:tc>', cell.index);
    ranges.push([cell.index, end < 0 ? xml.length : end]);
  }
  return ranges;
}
