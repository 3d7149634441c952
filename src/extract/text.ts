import type { RawExtraction, RawLine } from './raw-line';

/**
 * Plain text and Markdown: one line per source line, blank lines dropped. A form feed starts a
 * new page (some converters write them between pages); otherwise everything is page 1.
 */
export function extractPlainText(text: string, format: 'txt' | 'md'): RawExtraction {
  const pages = text.split('\f');
  const lines: RawLine[] = [];
  pages.forEach((pageText, index) => {
    const sourceLines = pageText.split(/\r\n|\r|\n/);
    const cleaned = format === 'md' ? stripMarkdownLines(sourceLines) : sourceLines;
    for (const line of cleaned) {
      if (line.trim() !== '') lines.push({ page: index + 1, text: line, hidden: false, origin: 'body' });
    }
  });
  return { pageCount: Math.max(1, pages.length), lines, warnings: [] };
}

/** Strips Markdown syntax line by line, dropping fences, rules, HTML comments and setext underlines. */
function stripMarkdownLines(sourceLines: string[]): string[] {
  const result: string[] = [];
  let inComment = false;
  for (const line of sourceLines) {
    // HTML comments are invisible once rendered: the same trick as white text in a PDF.
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    if (/^\s*<!--/.test(line) && !line.includes('-->')) {
      inComment = true;
      continue;
    }
    if (/^\s*(```|~~~)/.test(line)) continue;
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line) || /^\s*=+\s*$/.test(line)) continue;
    if (/^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?\s*)?\|?\s*$/.test(line)) continue; // table rule
    result.push(stripMarkdown(line));
  }
  return result;
}

/**
 * Turns one Markdown line into what a reader sees: `# Heading` → `Heading`, `**bold**` → `bold`,
 * `[text](url)` → `text (url)`, `![alt](src)` → `alt`, `> quote` → `quote`, inline code kept as text.
 * List markers stay (normalisation writes them as "- ").
 */
export function stripMarkdown(line: string): string {
  return line
    .replace(/<!--.*?-->/g, '')
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/^\s*>\s?/, '')
    .replace(/^\s*\|(.*)\|\s*$/, '$1')
    .replace(/^(\s*)[-*+]\s+\[[ xX]\]\s+/, '$1- ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, '$1 ($2)')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
}
