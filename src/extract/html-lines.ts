/**
 * Turns mammoth's HTML into lines: one per paragraph, heading, list item or `<br>`, table rows
 * with their cells kept apart. Mammoth writes simple, well-formed HTML (p, h1-h6, ul/ol/li,
 * table/tr/td/th, strong, em, a, br, img, sup, sub), so a small tag tokenizer is enough.
 */

export interface HtmlLine {
  text: string;
  /** "table" for lines from table cells, "body" otherwise. */
  origin: 'body' | 'table';
}

interface ElementNode {
  tag: string;
  children: HtmlNode[];
}
type HtmlNode = ElementNode | string;

const VOID_TAGS = new Set(['br', 'img', 'hr', 'meta', 'link', 'input', 'col', 'wbr']);
const BLOCK_TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'div', 'blockquote', 'pre', 'table',
  'thead', 'tbody', 'tfoot', 'dl', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'hr',
]);
/** Separates the cells of a table row that fits on one line. */
export const CELL_SEPARATOR = ' | ';

export function htmlToLines(html: string): HtmlLine[] {
  const lines: HtmlLine[] = [];
  walk(parseHtml(html), { lines, buffer: [], origin: 'body' });
  return lines.filter((line) => line.text.trim() !== '');
}

interface WalkState {
  lines: HtmlLine[];
  buffer: string[];
  origin: HtmlLine['origin'];
}

function flush(state: WalkState): void {
  const text = state.buffer.join('');
  state.buffer.length = 0;
  if (text.trim() !== '') state.lines.push({ text, origin: state.origin });
}

function walk(nodes: readonly HtmlNode[], state: WalkState): void {
  for (const node of nodes) {
    if (typeof node === 'string') {
      state.buffer.push(node);
      continue;
    }
    if (node.tag === 'br') {
      flush(state);
    } else if (node.tag === 'tr') {
      flush(state);
      walkRow(node, state);
    } else if (BLOCK_TAGS.has(node.tag)) {
      flush(state);
      // Word's list bullets are numbering, not text; mammoth drops them, we write "- ".
      if (node.tag === 'li') state.buffer.push('- ');
      walk(node.children, state);
      flush(state);
    } else {
      walk(node.children, state);
    }
  }
}

/**
 * A row whose cells each hold one line reads as "cell | cell" (a skills table: "Languages |
 * Python, Go"); a row with multi-line cells gives each cell's lines in turn. Either way cells
 * never run into each other.
 */
function walkRow(row: ElementNode, state: WalkState): void {
  const cells = row.children.filter((child): child is ElementNode => typeof child !== 'string' && (child.tag === 'td' || child.tag === 'th'));
  const cellLines = cells.map((cell) => {
    const inner: WalkState = { lines: [], buffer: [], origin: 'table' };
    walk(cell.children, inner);
    flush(inner);
    return inner.lines;
  });
  if (cellLines.every((lines) => lines.length <= 1)) {
    const text = cellLines
      .map((lines) => lines[0]?.text.trim() ?? '')
      .filter((cellText) => cellText !== '')
      .join(CELL_SEPARATOR);
    if (text !== '') state.lines.push({ text, origin: 'table' });
    return;
  }
  for (const lines of cellLines) state.lines.push(...lines);
}

/** Tokenises into a tree; unmatched closing tags are ignored, unclosed ones end at the parent. */
export function parseHtml(html: string): HtmlNode[] {
  const root: ElementNode = { tag: '#root', children: [] };
  const stack: ElementNode[] = [root];
  const token = /<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|[^<]+|</g;
  for (const match of html.matchAll(token)) {
    const [whole, rawTag] = match;
    const parent = stack[stack.length - 1] ?? root;
    if (whole.startsWith('<!--')) continue;
    if (rawTag === undefined) {
      parent.children.push(decodeEntities(whole));
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (whole.startsWith('</')) {
      const openIndex = stack.map((element) => element.tag).lastIndexOf(tag);
      if (openIndex > 0) stack.length = openIndex;
      continue;
    }
    const element: ElementNode = { tag, children: [] };
    parent.children.push(element);
    if (!VOID_TAGS.has(tag) && !whole.endsWith('/>')) stack.push(element);
  }
  return root.children;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return safeCodePoint(parseInt(body.slice(2), 16), entity);
    if (body.startsWith('#')) return safeCodePoint(parseInt(body.slice(1), 10), entity);
    return NAMED_ENTITIES[body] ?? entity;
  });
}

function safeCodePoint(codePoint: number, fallback: string): string {
  return Number.isInteger(codePoint) && codePoint >= 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : fallback;
}
