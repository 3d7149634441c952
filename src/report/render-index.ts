import { escapeHtml } from './escape';
import { htmlPage } from './html-page';
import { REPORT_NOTICE } from './build-report';
import { levelBadge } from './render-html';
import type { Summary } from './summary';

/** index.html of a screening run: every candidate, a column per requirement, flags and links. */
export function renderIndexHtml(summary: Summary): string {
  const head = summary.requirements
    .map((requirement) => `<th scope="col">${escapeHtml(requirement.label)}<br><span class="muted">${requirement.priority === 'must' ? 'must-have' : 'plus'}</span></th>`)
    .join('');
  const rows = summary.entries
    .map((entry) => {
      const file = `<th scope="row"><a href="${encodeURI(entry.reports.html)}">${escapeHtml(entry.fileName)}</a><br><span class="muted"><a href="${encodeURI(entry.reports.json)}">JSON</a> · <a href="${encodeURI(entry.reports.markdown)}">Markdown</a></span></th>`;
      if (entry.status === 'error') {
        return `<tr>${file}<td colspan="${summary.requirements.length + 1}"><strong>${escapeHtml(entry.error?.code ?? 'ERROR')}</strong>: ${escapeHtml(entry.error?.message ?? '')}</td></tr>`;
      }
      const levels = summary.requirements
        .map((requirement) => {
          const level = entry.levels[requirement.id];
          return `<td>${level ? levelBadge(level) : ''}</td>`;
        })
        .join('');
      const flags = entry.flags.length ? entry.flags.map((flag) => `<code>${escapeHtml(flag)}</code>`).join(' ') : '<span class="muted">none</span>';
      return `<tr>${file}${levels}<td>${flags}</td></tr>`;
    })
    .join('\n');
  const body = `<header class="page">
<h1>Screening run: ${escapeHtml(summary.profile.title)}</h1>
<p class="notice" role="note">${escapeHtml(REPORT_NOTICE)} Candidates are listed by file name, not ranked.</p>
<p class="muted">Profile <code>${escapeHtml(summary.profile.id)}</code> v${escapeHtml(summary.profile.version)} · ${summary.counts.total} file(s): ${summary.counts.ok} screened, ${summary.counts.error} could not be read</p>
</header>
<main>
<table>
<thead><tr><th scope="col">File</th>${head}<th scope="col">Flags</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="muted">Levels: ○ none (looked for, not found) · ◔ mentioned (only listed or claimed) · ◑ used (applied in a role or project) · ● strong (central to their work).</p>
</main>`;
  return htmlPage(`Screening run: ${summary.profile.title}`, body);
}
