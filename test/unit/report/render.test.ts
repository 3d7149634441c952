import { ReportSchema } from '../../../src/report/report.schema';
import { buildErrorReport, candidateIdFor, describeSource } from '../../../src/report/build-report';
import { renderHtml } from '../../../src/report/render-html';
import { renderJson } from '../../../src/report/render-json';
import { renderMarkdown } from '../../../src/report/render-markdown';
import { renderIndexHtml } from '../../../src/report/render-index';
import { buildSummary } from '../../../src/report/summary';
import { hostileLine, sampleProfile, sampleReport } from '../../helpers/sample-report';

function allKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((entry) => allKeys(entry, keys));
  else if (value && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      keys.add(key);
      allKeys(entry, keys);
    }
  }
  return keys;
}

describe('buildReport', () => {
  it('produces a report that validates against the versioned schema', () => {
    const report = sampleReport();
    expect(ReportSchema.parse(report)).toEqual(report);
    expect(report.schemaVersion).toBe('1.0.0');
    expect(report.levels).toEqual({ rl: 'used', python: 'none' });
    expect(report.profile).toEqual({ id: 'sample-role', version: '1.2.0', title: 'Sample role' });
  });

  it('has no decision, score, rank or recommendation field anywhere', () => {
    const keys = [...allKeys(sampleReport())].map((key) => key.toLowerCase());
    for (const forbidden of ['hire', 'reject', 'decision', 'score', 'rank', 'recommend', 'threshold', 'pass', 'fail']) {
      expect(keys.filter((key) => key.includes(forbidden))).toEqual([]);
    }
  });

  it('gives the same candidate id for the same file and different ids for different bytes', () => {
    const a = describeSource({ fileName: 'Zoë Q. Example.PDF', bytes: new Uint8Array([1, 2, 3]) });
    const b = describeSource({ fileName: 'Zoë Q. Example.PDF', bytes: new Uint8Array([1, 2, 4]) });
    expect(candidateIdFor(a)).toBe(candidateIdFor({ ...a }));
    expect(candidateIdFor(a)).toMatch(/^zoe-q-example-[0-9a-f]{10}$/);
    expect(candidateIdFor(a)).not.toBe(candidateIdFor(b));
    expect(candidateIdFor({ ...a, fileName: '....pdf' })).toMatch(/^resume-[0-9a-f]{10}$/);
  });
});

describe('renderHtml', () => {
  const html = renderHtml(sampleReport());

  it('escapes résumé text: no script element and no javascript: link survives', () => {
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toMatch(/href\s*=\s*["']?javascript:/i);
    expect(html).toContain('[site](javascript:alert(1))'.replace(/&/g, '&amp;'));
    expect(html).toContain('Avery &lt;Example&gt;.pdf');
  });

  it('is self-contained: no external scripts, styles, fonts or images', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
    expect(html).toContain("default-src 'none'");
  });

  it('links each evidence item to its line in the extracted text and highlights the match', () => {
    expect(html).toContain('href="#p1-l3"');
    expect(html).toContain('id="p1-l3"');
    expect(html).toContain('<mark>PPO</mark>');
  });

  it('shows levels with words, says what was looked for when nothing was found, and marks hidden text', () => {
    expect(html).toContain('◑ used');
    expect(html).toContain('Looked for, not found: <code>python</code>');
    expect(html).toMatch(/class="ln hidden" id="p1-l4"/);
    expect(html).toContain('[hidden: white text]');
    expect(html).toContain('HIDDEN_TEXT');
  });

  it('renders an error report with its code and message', () => {
    const report = buildErrorReport({
      source: describeSource({ fileName: 'broken.pdf', bytes: new Uint8Array([37, 80]) }),
      profile: sampleProfile,
      error: { code: 'CORRUPT_FILE', message: 'The PDF is damaged <really>.' },
    });
    const errorHtml = renderHtml(report);
    expect(errorHtml).toContain('CORRUPT_FILE');
    expect(errorHtml).toContain('The PDF is damaged &lt;really&gt;.');
  });
});

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(sampleReport());

  it('escapes markup in résumé text so links and HTML are inert', () => {
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('](javascript:');
    expect(markdown).toContain('\\[site\\]\\(javascript:alert\\(1\\)\\)');
  });

  it('states each requirement with its level, quote location, rule and looked-for terms', () => {
    expect(markdown).toContain('| Reinforcement learning (`rl`) | must | ◑ used | 1 |');
    expect(markdown).toContain('page 1, line 3 (experience), **used** by rule `applied-in-role`');
    expect(markdown).toContain('**PPO**');
    expect(markdown).toContain('Looked for, not found: `python`');
  });
});

describe('renderJson', () => {
  it('round-trips through the schema and is byte-identical for the same report', () => {
    const json = renderJson(sampleReport());
    expect(ReportSchema.parse(JSON.parse(json))).toEqual(sampleReport());
    expect(renderJson(sampleReport())).toBe(json);
    expect(json).toContain(JSON.stringify(hostileLine));
  });
});

describe('summary and index', () => {
  it('lists candidates by file name with levels and flags, never ranked', () => {
    const error = buildErrorReport({
      source: describeSource({ fileName: 'aaa.pdf', bytes: new Uint8Array([0]) }),
      profile: sampleProfile,
      error: { code: 'UNSUPPORTED_FORMAT', message: 'Not a résumé format.' },
    });
    const summary = buildSummary(sampleProfile, [sampleReport('zed.pdf'), error]);
    expect(summary.entries.map((entry) => entry.fileName)).toEqual(['aaa.pdf', 'zed.pdf']);
    expect(summary.counts).toEqual({ total: 2, ok: 1, error: 1 });
    expect(summary.entries[1]?.levels).toEqual({ rl: 'used', python: 'none' });
    expect(summary.entries[1]?.flags).toEqual(['HIDDEN_TEXT']);
    const index = renderIndexHtml(summary);
    expect(index).toContain('UNSUPPORTED_FORMAT');
    expect(index).toContain(`href="${summary.entries[1]?.reports.html}"`);
    expect(index).toContain('not ranked');
  });
});
