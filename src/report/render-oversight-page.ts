import { EVIDENCE_PATTERNS, percent, type EvidencePattern, type OversightFigures } from '../review/oversight';
import { escapeHtml } from './escape';
import { workspacePage, type WorkspaceViewer } from './render-workspace-page';

const PATTERN_TEXT: Record<EvidencePattern, string> = {
  'no-must-evidence': 'a must-have without evidence',
  'some-must-evidence': 'must-haves with some evidence',
  'strong-must-evidence': 'every must-have strong',
  unreadable: 'unreadable file',
};

/** Human decisions beside the evidence levels, per reviewer: makes automation bias and inconsistency visible. */
export function renderOversightPage(batchId: string, figures: OversightFigures, viewer: WorkspaceViewer): string {
  const base = `/review/batches/${encodeURIComponent(batchId)}`;
  const patternHead = EVIDENCE_PATTERNS.map((pattern) => `<th scope="col" colspan="3">${escapeHtml(PATTERN_TEXT[pattern])} (${figures.byPattern[pattern]})</th>`).join('');
  const subHead = EVIDENCE_PATTERNS.map(() => '<th scope="col" class="num">adv.</th><th scope="col" class="num">hold</th><th scope="col" class="num">decl.</th>').join('');
  const rows = figures.reviewers
    .map((reviewer) => {
      const cells = EVIDENCE_PATTERNS.map((pattern) => {
        const counts = reviewer.byPattern[pattern];
        return `<td class="num">${counts.advance}</td><td class="num">${counts.hold}</td><td class="num">${counts.decline}</td>`;
      }).join('');
      return `<tr><th scope="row">${escapeHtml(reviewer.reviewerId)}</th><td class="num">${reviewer.decided}</td>${cells}</tr>`;
    })
    .join('\n');
  const attention = figures.reviewers
    .map((reviewer) => {
      const advanced = reviewer.counts.advance;
      const declined = reviewer.counts.decline;
      return `<tr><th scope="row">${escapeHtml(reviewer.reviewerId)}</th><td class="num">${reviewer.advancedWithoutMustEvidence} <span class="muted">(${percent(reviewer.advancedWithoutMustEvidence, advanced)} of advances)</span></td><td class="num">${reviewer.declinedWithStrongMustEvidence} <span class="muted">(${percent(reviewer.declinedWithStrongMustEvidence, declined)} of declines)</span></td><td class="num">${reviewer.changedDecisions}</td><td class="num">${reviewer.decidedOnOtherReport}</td></tr>`;
    })
    .join('\n');
  const disagreements = figures.disagreements.length
    ? `<ul>${figures.disagreements
        .map((entry) => `<li><a href="${base}/candidates/${encodeURIComponent(entry.reportId)}"><code>${escapeHtml(entry.reportId)}</code></a>: ${entry.decisions.map((decision) => `${escapeHtml(decision.reviewerId)} → ${decision.decision}`).join(', ')}</li>`)
        .join('')}</ul>`
    : '<p class="muted">No candidate has conflicting current decisions.</p>';
  const body = `<main id="main">
<p><a href="${base}">← Back to the batch</a></p>
<h1>Oversight: decisions beside the evidence</h1>
<p class="notice" role="note">Descriptive counts of human decisions, to see whether the evidence levels are followed blindly (automation bias) or ignored, and whether reviewers agree. They do not judge anyone; read them with the candidates' pages.</p>
<p class="muted">${figures.candidates} candidate(s), ${figures.undecided} without a decision. Each reviewer's current (latest) decision per candidate counts. Export: <a href="${base}/oversight.csv">CSV</a>, <a href="${base}/oversight.json">JSON</a>.</p>
<h2>Decisions per evidence pattern</h2>
<table><thead><tr><th scope="col" rowspan="2">Reviewer</th><th scope="col" rowspan="2" class="num">Decided</th>${patternHead}</tr><tr>${subHead}</tr></thead><tbody>${rows || `<tr><td colspan="${2 + 3 * EVIDENCE_PATTERNS.length}" class="muted">No decisions yet.</td></tr>`}</tbody></table>
<h2>Worth a second look</h2>
<table><thead><tr><th scope="col">Reviewer</th><th scope="col">Advanced with a must-have at none</th><th scope="col">Declined with every must-have strong</th><th scope="col">Candidates where they changed their decision</th><th scope="col">Decided on another report version</th></tr></thead><tbody>${attention || '<tr><td colspan="5" class="muted">No decisions yet.</td></tr>'}</tbody></table>
<h2>Reviewers disagree</h2>
${disagreements}
</main>`;
  return workspacePage('Oversight', viewer, body);
}
