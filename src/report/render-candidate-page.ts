import type { Decision } from '../review/decision.schema';
import { decisionBadge, flagLabel } from './render-batch-page';
import { escapeHtml, lineAnchor } from './escape';
import { extractedText, highlighted, levelBadge, ruleNote } from './render-html';
import { csrfField, workspacePage, type WorkspaceViewer } from './render-workspace-page';
import type { Report, ReportRequirement } from './report.schema';

export interface CandidatePageModel {
  batchId: string;
  reportId: string;
  resumeId: string;
  /** File name, or the pseudonym in a blind batch. */
  label: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  /** The report as this reviewer may see it (redacted in a blind batch until they reveal). */
  report: Report | null;
  blind: boolean;
  revealed: boolean;
  /** Link to the original file; absent while blind and not revealed, or once the file is gone. */
  originalUrl?: string;
  /** This candidate's decisions in this batch, oldest first (text already redacted when blind). */
  history: readonly Decision[];
  message?: { kind: 'ok' | 'error'; text: string };
}


/** Each evidence item is one link to its line: following it scrolls there and :target highlights it. */
function requirementBlock(requirement: ReportRequirement): string {
  const id = `req-${escapeHtml(requirement.id)}`;
  const items = requirement.items.length
    ? `<ul class="items">${requirement.items
        .map(
          (item) =>
            `<li><a class="evidence-link" href="#${lineAnchor(item.page, item.line)}">${levelBadge(item.level)} <span class="where">page ${item.page}, line ${item.line}</span> <span class="muted">(${escapeHtml(item.section)})</span><br><q>${highlighted(item)}</q></a><span class="muted">${ruleNote(item)}</span></li>`,
        )
        .join('')}</ul>`
    : `<p class="lookedfor"><strong>Looked for, not found:</strong> ${requirement.lookedFor.map((term) => `<code>${escapeHtml(term)}</code>`).join(', ')}</p>`;
  const ignored = requirement.ignored.length
    ? `<details><summary>Set aside, not counted (${requirement.ignored.length})</summary><ul class="items">${requirement.ignored
        .map(
          (entry) =>
            `<li><a class="evidence-link" href="#${lineAnchor(entry.page, entry.line)}"><span class="where">page ${entry.page}, line ${entry.line}</span>: <q>${escapeHtml(entry.quote)}</q></a><span class="muted">rule <code>${escapeHtml(entry.rule)}</code>: ${escapeHtml(entry.reason)}</span></li>`,
        )
        .join('')}</ul></details>`
    : '';
  return `<section aria-labelledby="${id}"><h3 id="${id}">${escapeHtml(requirement.label)} ${levelBadge(requirement.level)} <span class="muted">${requirement.priority === 'must' ? 'must-have' : 'plus'}</span></h3>
<p class="muted">${escapeHtml(requirement.levelReason)}</p>${items}${ignored}</section>`;
}


function decisionForm(model: CandidatePageModel, viewer: WorkspaceViewer): string {
  const action = `/review/batches/${encodeURIComponent(model.batchId)}/candidates/${encodeURIComponent(model.reportId)}/decisions`;
  const radio = (value: string, text: string) =>
    `<div><input type="radio" id="d-${value}" name="decision" value="${value}" required> <label for="d-${value}" style="display:inline">${text}</label></div>`;
  return `<form class="stack" method="post" action="${escapeHtml(action)}" aria-labelledby="decide-h">
${csrfField(viewer)}
<fieldset><legend>Your decision</legend>
${radio('advance', 'Advance')}${radio('hold', 'Hold')}${radio('decline', 'Decline (a reason is required)')}
</fieldset>
<div><label for="reason">Reason</label><textarea id="reason" name="reason" maxlength="1000" aria-describedby="reason-help"></textarea><p id="reason-help" class="muted">Required for decline. Say what the evidence shows or lacks.</p></div>
<div><label for="notes">Notes (optional)</label><textarea id="notes" name="notes" maxlength="4000"></textarea></div>
<div><button class="primary" type="submit">Record decision as ${escapeHtml(viewer.reviewerId)}</button></div>
</form>`;
}

function historyList(history: readonly Decision[]): string {
  if (history.length === 0) return '<p class="muted">No decision recorded yet. The tool never records one for you.</p>';
  return `<ol class="history">${history
    .map(
      (decision) =>
        `<li>${decisionBadge(decision.decision)} by <strong>${escapeHtml(decision.reviewerId)}</strong> at <time datetime="${escapeHtml(decision.decidedAt)}">${escapeHtml(decision.decidedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</time>${decision.supersedes ? ' <span class="muted">(changes their earlier decision)</span>' : ''}<br><span class="muted">on report <code>${escapeHtml(decision.reportVersion.reportId)}</code>, schema ${escapeHtml(decision.reportVersion.schemaVersion)}, profile ${escapeHtml(decision.reportVersion.profileId)} v${escapeHtml(decision.reportVersion.profileVersion)}</span>${decision.reason ? `<br>Reason: ${escapeHtml(decision.reason)}` : ''}${decision.notes ? `<br>Notes: ${escapeHtml(decision.notes)}` : ''}</li>`,
    )
    .join('')}</ol>`;
}

function identityBlock(model: CandidatePageModel, viewer: WorkspaceViewer): string {
  const original = model.originalUrl ? `<a href="${escapeHtml(model.originalUrl)}" download>Download the original file</a>` : '';
  if (!model.blind) return original ? `<p>${original}</p>` : '<p class="muted">The original file is no longer stored.</p>';
  if (model.revealed) return `<p class="blind" role="note">You revealed this candidate's identity; this is in the audit log. ${original}</p>`;
  const action = `/review/batches/${encodeURIComponent(model.batchId)}/candidates/${encodeURIComponent(model.reportId)}/reveal`;
  return `<div class="blind" role="note"><p><strong>Blind review:</strong> name, contact details, links, photo captions and pronouns are hidden. The original file is available after revealing.</p>
<form method="post" action="${escapeHtml(action)}">${csrfField(viewer)}<button type="submit">Reveal identity (recorded in the audit log as ${escapeHtml(viewer.reviewerId)})</button></form></div>`;
}

/** The candidate page: the report's evidence beside the extracted text, the decision form and history. */
export function renderCandidatePage(model: CandidatePageModel, viewer: WorkspaceViewer): string {
  const { report } = model;
  const back = `<a href="/review/batches/${encodeURIComponent(model.batchId)}">← Back to the batch</a>`;
  const message = model.message ? `<p class="${model.message.kind === 'ok' ? 'ok-box' : 'error-box'}" role="${model.message.kind === 'ok' ? 'status' : 'alert'}">${escapeHtml(model.message.text)}</p>` : '';
  const version = report
    ? `<p class="muted">Report <code>${escapeHtml(model.reportId)}</code> · schema ${escapeHtml(report.schemaVersion)} · profile ${escapeHtml(report.profile.title)} (<code>${escapeHtml(report.profile.id)}</code> v${escapeHtml(report.profile.version)}) · generator ${escapeHtml(report.generator.version)}</p>`
    : '';
  let content: string;
  if (!report) {
    content = `<p role="status">The report is not ready yet (${escapeHtml(model.state)}). <a href="">Reload</a> in a moment.</p>`;
  } else if (report.status === 'error') {
    content = `<div class="error-box" role="alert"><h2>The file could not be read</h2><p><strong>${escapeHtml(report.error.code)}</strong>: ${escapeHtml(report.error.message)}</p><p>There is no evidence to show: check the original file${model.blind && !model.revealed ? ' (after revealing)' : ''} or ask the candidate for another format.</p></div>`;
  } else {
    const warnings = report.document.warnings.length
      ? `<h2>Extraction warnings</h2><ul>${report.document.warnings.map((warning) => `<li><code>${escapeHtml(warning.code)}</code>${warning.page ? ` (page ${warning.page})` : ''}: ${escapeHtml(warning.message)}</li>`).join('')}</ul>`
      : '<p class="muted">No extraction warnings.</p>';
    const flags = report.flags.length
      ? `<h2>Flags for the reviewer</h2>${report.flags
          .map(
            (flag) =>
              `<div class="flag" role="note"><strong>⚑ ${escapeHtml(flagLabel(flag.code))}</strong>: ${escapeHtml(flag.message)}${
                flag.quotes.length
                  ? `<ul>${flag.quotes.map((quote) => `<li><a href="#${lineAnchor(quote.page, quote.line)}">page ${quote.page}, line ${quote.line}</a>: <q>${escapeHtml(quote.quote)}</q></li>`).join('')}</ul>`
                  : ''
              }</div>`,
          )
          .join('')}`
      : '';
    content = `<p class="muted">${report.document.format.toUpperCase()} · ${report.document.pages} page(s) · ${report.document.lines} lines</p>
${flags}
<div class="grid">
<div>
<h2>Evidence per requirement</h2>
${report.requirements.map(requirementBlock).join('\n')}
${warnings}
</div>
<div>
<h2>Extracted text</h2>
${extractedText(report)}
</div>
</div>`;
  }
  const body = `<main id="main">
<p>${back}</p>
<h1>${escapeHtml(model.label)}</h1>
<p class="notice" role="note">${escapeHtml(report?.notice ?? 'Evidence for a human reviewer; the tool never decides.')}</p>
${message}
${version}
${identityBlock(model, viewer)}
${content}
<section aria-labelledby="decide-h"><h2 id="decide-h">Decision</h2>
${historyList(model.history)}
${decisionForm(model, viewer)}
</section>
</main>`;
  return workspacePage(`Candidate ${model.label}`, viewer, body);
}
