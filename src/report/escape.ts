/** Escapes text for HTML element content and quoted attribute values. Résumé text is hostile input. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Makes résumé text safe inside Markdown: no HTML, no links, no emphasis the author did not intend.
 * Characters that Markdown would interpret are backslash-escaped; angle brackets become entities so
 * that renderers which allow raw HTML still show text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|~>-]/g, (char) => `\\${char}`)
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ');
}

/** An id usable in an HTML anchor for a line of the extracted text. */
export function lineAnchor(page: number, line: number): string {
  return `p${page}-l${line}`;
}
