import { LEVELS, type Level } from '../evidence/evidence.schema';
import { applyBatchQuery, batchQueryString, type BatchQuery, type BatchRow } from '../review/batch-view';
import { escapeHtml } from './escape';
import { LEVEL_TEXT } from './level-text';
import { levelBadge } from './render-html';
import { workspacePage, type WorkspaceViewer } from './render-workspace-page';

export interface BatchPageModel {
  batchId: string;
  profile: { id: string; version: string; title: string };
  requirements: ReadonlyArray<{ id: string; label: string; priority: 'must' | 'plus' }>;
  blind: boolean;
  rows: readonly BatchRow[];
  query: BatchQuery;
  counts: { queued: number; running: number; done: number; failed: number; total: number };
}

/** Readable names for the flag codes the tagger and extractor raise. */
export const FLAG_TEXT: Record<string, string> = {
  HIDDEN_TEXT: 'hidden text',
  INSTRUCTIONS_TO_MACHINE: 'instructions to a machine reader',
  KEYWORD_STUFFING: 'keyword stuffing',
  UNREADABLE: 'unreadable file',
};

export function flagLabel(flag: string): string {
  const [code = flag, detail] = flag.split(':', 2);
  const text = FLAG_TEXT[code] ?? code.toLowerCase().replace(/_/g, ' ');
  return detail ? `${text} (${detail})` : text;
}

export function decisionBadge(decision: 'advance' | 'hold' | 'decline'): string {
  const symbol = { advance: '→', hold: '‖', decline: '✕' }[decision];
  return `<span class="decision decision-${decision}">${symbol} ${decision}</span>`;
}

function candidateUrl(batchId: string, reportId: string): string {
  return `/review/batches/${encodeURIComponent(batchId)}/candidates/${encodeURIComponent(reportId)}`;
}

function sortHeader(model: BatchPageModel, id: string, label: string): string {
  const active = model.query.sort === id;
  const nextDir = active && model.query.dir === 'desc' ? 'asc' : active ? 'desc' : id === 'candidate' ? 'asc' : 'desc';
  const ariaSort = active ? ` aria-sort="${model.query.dir === 'asc' ? 'ascending' : 'descending'}"` : '';
  const arrow = active ? (model.query.dir === 'asc' ? ' ▲' : ' ▼') : '';
  const href = `/review/batches/${encodeURIComponent(model.batchId)}${batchQueryString(model.query, { sort: id, dir: nextDir })}`;
  // Left open: the caller may add a line under the label before closing the cell.
  return `<th scope="col"${ariaSort}><a href="${escapeHtml(href)}">${label}${arrow}</a>`;
}

function levelSelect(id: string, label: string, selected: Level | undefined): string {
  const options = LEVELS.filter((level) => level !== 'none')
    .map((level) => `<option value="${level}"${selected === level ? ' selected' : ''}>at least ${LEVEL_TEXT[level].symbol} ${level}</option>`)
    .join('');
  return `<div><label for="min-${escapeHtml(id)}">${escapeHtml(label)}</label><select id="min-${escapeHtml(id)}" name="min-${escapeHtml(id)}"><option value="">any level</option>${options}</select></div>`;
}

function filtersForm(model: BatchPageModel, flagCodes: readonly string[]): string {
  const { query } = model;
  const flagOptions = [
    ['', 'any or none'],
    ['any', 'with any flag'],
    ['none', 'without flags'],
    ...flagCodes.map((code) => [code, flagLabel(code)]),
  ]
    .map(([value = '', text = '']) => `<option value="${escapeHtml(value)}"${(query.flag ?? '') === value ? ' selected' : ''}>${escapeHtml(text)}</option>`)
    .join('');
  const decisionOptions = [
    ['', 'any'],
    ['none', 'no decision yet'],
    ['advance', 'advance'],
    ['hold', 'hold'],
    ['decline', 'decline'],
  ]
    .map(([value = '', text = '']) => `<option value="${value}"${(query.decision ?? '') === value ? ' selected' : ''}>${text}</option>`)
    .join('');
  const sortOptions = [['candidate', 'candidate'], ...model.requirements.map((requirement) => [requirement.id, requirement.label])]
    .map(([value = '', text = '']) => `<option value="${escapeHtml(value)}"${query.sort === value ? ' selected' : ''}>${escapeHtml(text)}</option>`)
    .join('');
  return `<form class="filters" method="get" action="/review/batches/${encodeURIComponent(model.batchId)}" aria-label="Filter and sort candidates">
${model.requirements.map((requirement) => levelSelect(requirement.id, requirement.label, query.min[requirement.id])).join('\n')}
<div><label for="flag">Flags</label><select id="flag" name="flag">${flagOptions}</select></div>
<div><label for="decision">Decision</label><select id="decision" name="decision">${decisionOptions}</select></div>
<div><label for="sort">Sort by</label><select id="sort" name="sort">${sortOptions}</select></div>
<div><label for="dir">Order</label><select id="dir" name="dir"><option value="asc"${query.dir === 'asc' ? ' selected' : ''}>ascending (A→Z, none→strong)</option><option value="desc"${query.dir === 'desc' ? ' selected' : ''}>descending</option></select></div>
<div><button type="submit">Apply</button> <a href="/review/batches/${encodeURIComponent(model.batchId)}">Clear</a></div>
</form>`;
}

function row(model: BatchPageModel, entry: BatchRow): string {
  const name = `<th scope="row"><a href="${escapeHtml(candidateUrl(model.batchId, entry.reportId))}">${escapeHtml(entry.label)}</a></th>`;
  const levels =
    entry.state === 'done'
      ? model.requirements.map((requirement) => {
          const level = entry.levels[requirement.id];
          return `<td>${level ? levelBadge(level) : ''}</td>`;
        })
      : [`<td colspan="${model.requirements.length}" class="muted">${entry.state === 'failed' ? 'could not be read: see the flags' : `${entry.state}…`}</td>`];
  const flags = entry.flags.length ? entry.flags.map((flag) => `<span class="flagchip">⚑ ${escapeHtml(flagLabel(flag))}</span>`).join(' ') : '<span class="muted">none</span>';
  const decision = entry.latest
    ? `${decisionBadge(entry.latest.decision)} <span class="muted">by ${escapeHtml(entry.latest.reviewerId)}</span>`
    : '<span class="muted">no decision yet</span>';
  return `<tr>${name}${levels.join('')}<td>${flags}</td><td>${decision}</td></tr>`;
}

/**
 * Every candidate of a batch: a column per requirement (level as symbol and word), flags, and the
 * latest human decision. No rank, score or recommendation column; default order is by name.
 */
export function renderBatchPage(model: BatchPageModel, viewer: WorkspaceViewer): string {
  const shown = applyBatchQuery(model.rows, model.query);
  const flagCodes = [...new Set(model.rows.flatMap((entry) => entry.flags.map((flag) => flag.split(':')[0] ?? flag)))].sort();
  const head = [
    sortHeader(model, 'candidate', model.blind ? 'Candidate (pseudonym)' : 'Candidate (file)') + '</th>',
    ...model.requirements.map(
      (requirement) => `${sortHeader(model, requirement.id, escapeHtml(requirement.label))}<br><span class="muted">${requirement.priority === 'must' ? 'must-have' : 'plus'}</span></th>`,
    ),
    '<th scope="col">Flags</th>',
    '<th scope="col">Latest decision</th>',
  ].join('');
  const base = `/review/batches/${encodeURIComponent(model.batchId)}`;
  const { counts } = model;
  const body = `<main id="main">
<h1>Batch: ${escapeHtml(model.profile.title)}</h1>
<p class="notice" role="note">Levels describe the evidence in each document, not the person. Candidates are not ranked; decide from the evidence.</p>
${model.blind ? '<p class="blind" role="note"><strong>Blind review is on</strong> for this batch: names, contact details, links, photo captions and pronouns are hidden; candidates are shown by pseudonym.</p>' : ''}
<p class="muted">Batch <code>${escapeHtml(model.batchId)}</code> · profile <code>${escapeHtml(model.profile.id)}</code> v${escapeHtml(model.profile.version)} · ${counts.total} file(s): ${counts.done} screened, ${counts.failed} unreadable, ${counts.queued + counts.running} in progress</p>
<p><a href="${base}/oversight">Oversight figures</a> · Audit log: <a href="${base}/audit.csv">CSV</a>, <a href="${base}/audit.json">JSON</a> · <a href="${base}/decisions.json">Decisions (JSON)</a></p>
${filtersForm(model, flagCodes)}
<p role="status">Showing ${shown.length} of ${model.rows.length} candidate(s).</p>
<table>
<caption class="muted">Levels: ○ none (looked for, not found) · ◔ mentioned · ◑ used · ● strong</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${shown.map((entry) => row(model, entry)).join('\n')}
</tbody>
</table>
</main>`;
  return workspacePage(`Batch ${model.profile.title}`, viewer, body);
}
