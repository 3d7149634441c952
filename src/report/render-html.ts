import type { EvidenceItem } from '../evidence/evidence.schema';
import { escapeHtml, lineAnchor } from './escape';
import { htmlPage } from './html-page';
import { LEVEL_TEXT } from './level-text';
import type { OkReport, Report, ReportRequirement } from './report.schema';

function badgeFor(level: keyof typeof LEVEL_TEXT): string {
  const text = LEVEL_TEXT[level];
  return `<span class="level level-${level}" title="${escapeHtml(text.meaning)}">${text.symbol} ${text.label}</span>`;
}

/** The four badges are fixed: built once, not per item of every report. */
const LEVEL_BADGES = Object.fromEntries(
  (Object.keys(LEVEL_TEXT) as Array<keyof typeof LEVEL_TEXT>).map((level) => [level, badgeFor(level)]),
) as Record<keyof typeof LEVEL_TEXT, string>;

export function levelBadge(level: keyof typeof LEVEL_TEXT): string {
  return LEVEL_BADGES[level];
}

/** The quote with its matched words in <mark>, all escaped. */
export function highlighted(item: Pick<EvidenceItem, 'quote' | 'span'>): string {
  const [start, end] = item.span;
  return `${escapeHtml(item.quote.slice(0, start))}<mark>${escapeHtml(item.quote.slice(start, end))}</mark>${escapeHtml(item.quote.slice(end))}`;
}

/** "rule <id>: <reason>; matched <term>": why an item counts, the same words on every page. */
export function ruleNote(item: Pick<EvidenceItem, 'rule' | 'reason' | 'term'>): string {
  return `rule <code>${escapeHtml(item.rule)}</code>: ${escapeHtml(item.reason.replace(/\.$/, ''))}; matched <code>${escapeHtml(item.term)}</code>`;
}

function where(page: number, line: number, section: string): string {
  return `<a href="#${lineAnchor(page, line)}">page ${page}, line ${line}</a> <span class="muted">(${escapeHtml(section)})</span>`;
}

function requirementSection(requirement: ReportRequirement): string {
  const parts: string[] = [];
  parts.push(`<section aria-labelledby="req-${escapeHtml(requirement.id)}">`);
  parts.push(
    `<h3 id="req-${escapeHtml(requirement.id)}">${escapeHtml(requirement.label)} ${levelBadge(requirement.level)} <span class="muted">${requirement.priority === 'must' ? 'must-have' : 'plus'}</span></h3>`,
  );
  parts.push(`<p class="muted">${escapeHtml(requirement.levelReason)}</p>`);
  if (requirement.items.length === 0) {
    parts.push(
      `<p>Looked for, not found: ${requirement.lookedFor.map((term) => `<code>${escapeHtml(term)}</code>`).join(', ')}</p>`,
    );
  } else {
    parts.push('<ul class="items">');
    for (const item of requirement.items) {
      parts.push(
        `<li>${levelBadge(item.level)} ${where(item.page, item.line, item.section)}<br><q>${highlighted(item)}</q><br><span class="muted">${ruleNote(item)}</span></li>`,
      );
    }
    parts.push('</ul>');
  }
  if (requirement.ignored.length > 0) {
    parts.push('<details><summary>Set aside, not counted (' + requirement.ignored.length + ')</summary><ul class="items">');
    for (const ignored of requirement.ignored) {
      parts.push(
        `<li>${where(ignored.page, ignored.line, ignored.section)}: <q>${escapeHtml(ignored.quote)}</q><br><span class="muted">rule <code>${escapeHtml(ignored.rule)}</code>: ${escapeHtml(ignored.reason)}</span></li>`,
      );
    }
    parts.push('</ul></details>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** The extracted text with a `#p<page>-l<line>` anchor per line; evidence and hidden lines marked. */
export function extractedText(report: OkReport): string {
  const evidenceLines = new Set<string>();
  for (const requirement of report.requirements) {
    for (const item of requirement.items) evidenceLines.add(lineAnchor(item.page, item.line));
  }
  const parts: string[] = ['<div class="text" tabindex="0" role="region" aria-label="Extracted text of the résumé">'];
  let page = 0;
  for (const line of report.text) {
    if (line.page !== page) {
      page = line.page;
      parts.push(`<div class="page">page ${page}</div>`);
    }
    const anchor = lineAnchor(line.page, line.line);
    let classes = 'ln';
    if (line.heading) classes += ' heading';
    if (evidenceLines.has(anchor)) classes += ' evidence';
    if (line.hidden) classes += ' hidden';
    const hiddenNote = line.hidden ? ` [hidden: ${escapeHtml(line.hiddenReason ?? 'not visible to a reader')}]` : '';
    parts.push(
      `<div class="${classes}" id="${anchor}"><span class="no">${line.page}:${line.line}</span><span>${escapeHtml(line.text)}${hiddenNote}</span></div>`,
    );
  }
  parts.push('</div>');
  return parts.join('\n');
}

function pageHeader(report: Report): string {
  return `<header class="page">
<h1>Evidence report: ${escapeHtml(report.source.fileName)}</h1>
<p class="notice" role="note">${escapeHtml(report.notice)}</p>
<p class="muted">Candidate id <code>${escapeHtml(report.candidateId)}</code> · profile ${escapeHtml(report.profile.title)} (<code>${escapeHtml(report.profile.id)}</code> v${escapeHtml(report.profile.version)}) · sha256 <code>${report.source.sha256.slice(0, 16)}…</code> · ${report.source.bytes} bytes · report schema ${escapeHtml(report.schemaVersion)}</p>
</header>`;
}

/** A self-contained HTML report: evidence on the left, the extracted text with line anchors on the right. */
export function renderHtml(report: Report): string {
  const title = `Evidence: ${report.source.fileName}`;
  if (report.status === 'error') {
    return htmlPage(
      title,
      `${pageHeader(report)}
<main><div class="error" role="alert"><h2>The file could not be read</h2><p><strong>${escapeHtml(report.error.code)}</strong>: ${escapeHtml(report.error.message)}</p></div></main>`,
    );
  }
  const doc = report.document;
  const summaryRows = report.requirements
    .map(
      (requirement) =>
        `<tr><th scope="row"><a href="#req-${escapeHtml(requirement.id)}">${escapeHtml(requirement.label)}</a></th><td>${requirement.priority === 'must' ? 'must-have' : 'plus'}</td><td>${levelBadge(requirement.level)}</td><td>${requirement.items.length}</td></tr>`,
    )
    .join('\n');
  const flags = report.flags
    .map(
      (flag) =>
        `<div class="flag" role="note"><strong>${escapeHtml(flag.code)}</strong>: ${escapeHtml(flag.message)}${
          flag.quotes.length
            ? `<ul>${flag.quotes.map((quote) => `<li><a href="#${lineAnchor(quote.page, quote.line)}">page ${quote.page}, line ${quote.line}</a>: <q>${escapeHtml(quote.quote)}</q></li>`).join('')}</ul>`
            : ''
        }</div>`,
    )
    .join('\n');
  const warnings = doc.warnings.length
    ? `<h2>Extraction warnings</h2><ul>${doc.warnings.map((warning) => `<li><code>${escapeHtml(warning.code)}</code>${warning.page ? ` (page ${warning.page})` : ''}: ${escapeHtml(warning.message)}</li>`).join('')}</ul>`
    : '';
  const publications = report.publications.length
    ? `<h2>Publications found (${report.publications.length})</h2><ul class="items">${report.publications
        .map((publication) => {
          const facts = [publication.venue, publication.year].filter((fact) => fact !== undefined).join(', ');
          return `<li><a href="#${lineAnchor(publication.page, publication.line)}">page ${publication.page}, line ${publication.line}</a>: <q>${escapeHtml(publication.quote)}</q>${facts ? ` <span class="muted">(${escapeHtml(facts)})</span>` : ''}</li>`;
        })
        .join('')}</ul>`
    : '';
  const body = `${pageHeader(report)}
<main>
<p class="muted">${doc.format.toUpperCase()} · ${doc.pages} page(s) · ${doc.lines} lines · ${doc.characters} characters</p>
<h2>Requirements</h2>
<table><thead><tr><th scope="col">Requirement</th><th scope="col">Priority</th><th scope="col">Level</th><th scope="col">Evidence items</th></tr></thead>
<tbody>${summaryRows}</tbody></table>
${flags ? `<h2>Flags for the reviewer</h2>${flags}` : ''}
<div class="grid">
<div>
<h2>Evidence</h2>
${report.requirements.map(requirementSection).join('\n')}
${publications}
${warnings}
</div>
<div>
<h2>Extracted text</h2>
${extractedText(report)}
</div>
</div>
</main>`;
  return htmlPage(title, body);
}
