import { screenFile } from '../../src/pipeline/screen-file';
import { defaultProfile } from '../../src/profile/load-profile';
import { renderHtml } from '../../src/report/render-html';
import { renderMarkdown } from '../../src/report/render-markdown';
import { expectOk, hostileFile } from './hostile-helpers';

/** A résumé carrying markup and scriptable links, end to end: screenFile → renderHtml / renderMarkdown. */
describe('reports of a résumé that carries markup', () => {
  let html: string;
  let markdown: string;
  beforeAll(async () => {
    const report = expectOk((await screenFile(hostileFile('markup.md'), defaultProfile(), { budget: false })).report);
    // The hostile text really is in the report, so the renderers had something to escape.
    expect(report.text.map((line) => line.text).join('\n')).toContain('<script>alert');
    html = renderHtml(report);
    markdown = renderMarkdown(report);
  });

  it('renders no element, attribute or link from the résumé in HTML', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(img|iframe|svg|a)\b[^>]*(onerror|onload|javascript:|src="x")/i);
    expect(html).not.toMatch(/href\s*=\s*["']?\s*(javascript|data):/i);
    // No tag anywhere in the page carries an event handler (the résumé's "onerror=" stays text).
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(html).toContain('&lt;script&gt;alert');
    expect(html).toContain("default-src 'none'");
  });

  it('renders résumé text in Markdown as text: no raw HTML and no link syntax', () => {
    expect(markdown).not.toMatch(/<script/i);
    expect(markdown).not.toMatch(/<(img|iframe|svg|a)\b/i);
    expect(markdown).not.toMatch(/\]\(javascript:/i);
    expect(markdown).toContain('&lt;script');
  });
});
