import { escapeHtml } from './escape';
import { htmlPage, WORKSPACE_STYLE } from './html-page';

/** Who is looking, and the CSRF token their forms must carry. */
export interface WorkspaceViewer {
  reviewerId: string;
  csrf: string;
}

export function csrfField(viewer: WorkspaceViewer): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(viewer.csrf)}">`;
}

/** The page shell of the reviewer workspace: skip link, navigation, who is signed in, log out. */
export function workspacePage(title: string, viewer: WorkspaceViewer | null, body: string): string {
  const who = viewer
    ? `<span class="who">Signed in as <strong>${escapeHtml(viewer.reviewerId)}</strong></span>
<form method="post" action="/review/logout">${csrfField(viewer)}<button type="submit">Log out</button></form>`
    : '';
  return htmlPage(
    title,
    `<a class="skip" href="#main">Skip to content</a>
<header class="ws"><nav aria-label="Reviewer workspace"><a href="/review">Reviewer workspace</a>${who}</nav></header>
${body}`,
    WORKSPACE_STYLE,
  );
}

export function renderLoginPage(options: { next: string; error?: string; perReviewerTokens: boolean }): string {
  const tokenHelp = options.perReviewerTokens
    ? 'Your personal reviewer token (REVIEWER_TOKENS).'
    : 'The API token (API_TOKEN). Your reviewer id is recorded with your decisions; with the shared token it is declared, not verified.';
  return workspacePage(
    'Sign in: reviewer workspace',
    null,
    `<main id="main">
<h1>Sign in to review</h1>
${options.error ? `<p class="error-box" role="alert">${escapeHtml(options.error)}</p>` : ''}
<form class="stack" method="post" action="/review/login">
<input type="hidden" name="next" value="${escapeHtml(options.next)}">
<div><label for="reviewerId">Reviewer id</label><input type="text" id="reviewerId" name="reviewerId" autocomplete="username" required pattern="[A-Za-z0-9][A-Za-z0-9._@\\-]{0,63}" autofocus></div>
<div><label for="token">Token</label><input type="password" id="token" name="token" autocomplete="current-password" required><p class="muted">${escapeHtml(tokenHelp)}</p></div>
<div><button class="primary" type="submit">Sign in</button></div>
</form>
</main>`,
  );
}

export function renderWorkspaceHome(viewer: WorkspaceViewer, profiles: ReadonlyArray<{ id: string; version: string; title: string }>, defaultProfileId: string, message?: string): string {
  const options = profiles
    .map((profile) => `<option value="${escapeHtml(profile.id)}"${profile.id === defaultProfileId ? ' selected' : ''}>${escapeHtml(profile.title)} (${escapeHtml(profile.id)} v${escapeHtml(profile.version)})</option>`)
    .join('');
  return workspacePage(
    'Reviewer workspace',
    viewer,
    `<main id="main">
<h1>Reviewer workspace</h1>
<p class="notice" role="note">Reports are evidence for you to weigh. The tool never ranks, scores or decides: every decision here is yours, recorded with your id.</p>
${message ? `<p class="error-box" role="alert">${escapeHtml(message)}</p>` : ''}
<section aria-labelledby="open-h"><h2 id="open-h">Open a batch</h2>
<form class="stack" method="get" action="/review/batches"><div><label for="batchId">Batch id</label><input type="text" id="batchId" name="id" required pattern="[A-Za-z0-9_\\-]{1,100}" size="48"></div><div><button type="submit">Open</button></div></form>
</section>
<section aria-labelledby="upload-h"><h2 id="upload-h">Upload a batch</h2>
<form class="stack" method="post" action="/review/batches" enctype="multipart/form-data">
${csrfField(viewer)}
<div><label for="files">Résumés (PDF, DOCX, TXT, Markdown)</label><input type="file" id="files" name="file" multiple required></div>
<div><label for="profile">Job profile</label><select id="profile" name="profile">${options}</select></div>
<div><input type="checkbox" id="blind" name="blind" value="true" checked> <label for="blind" style="display:inline">Blind review: hide names, contact details, links, photo captions and pronouns from every reviewer of this batch</label></div>
<div><button class="primary" type="submit">Upload and screen</button></div>
</form>
</section>
</main>`,
  );
}

/** A plain error page for the browser (the JSON error body would be unreadable there). */
export function renderWorkspaceError(viewer: WorkspaceViewer | null, status: number, message: string): string {
  return workspacePage(`Error ${status}`, viewer, `<main id="main"><h1>Something went wrong (${status})</h1><p class="error-box" role="alert">${escapeHtml(message)}</p><p><a href="/review">Back to the workspace</a></p></main>`);
}
