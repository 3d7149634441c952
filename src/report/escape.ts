const HTML_SPECIAL = /[&<>"']/g;
const HAS_HTML_SPECIAL = /[&<>"']/;
const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and quoted attribute values. Résumé text is hostile input.
 * One pass with a lookup table (each character is replaced once, so "&" is never escaped twice).
 * Most text has no special character: a plain test is cheaper than a replace that finds nothing.
 */
export function escapeHtml(text: string): string {
  return HAS_HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIAL, htmlEntity) : text;
}

function htmlEntity(char: string): string {
  return HTML_ENTITIES[char] ?? char;
}

/** Characters Markdown would interpret (backslash-escaped), "<" (an entity) and line breaks (a space). */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+!|~>-]|<|\r?\n/g;

/**
 * Makes résumé text safe inside Markdown: no HTML, no links, no emphasis the author did not intend.
 * Characters that Markdown would interpret are backslash-escaped; angle brackets become entities so
 * that renderers which allow raw HTML still show text. One pass over the text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, markdownReplacement);
}

function markdownReplacement(found: string): string {
  if (found === '<') return '&lt;';
  if (found === '\n' || found === '\r\n') return ' ';
  return `\\${found}`;
}

/** An id usable in an HTML anchor for a line of the extracted text. */
export function lineAnchor(page: number, line: number): string {
  return `p${page}-l${line}`;
}
