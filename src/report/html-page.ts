import { escapeHtml } from './escape';

/**
 * Shared page shell: one inline stylesheet, no scripts, no external fonts or images, so a report
 * opens offline and nothing in it can call out. Levels carry a word and a symbol, not colour alone.
 */
const STYLE = `
:root { color-scheme: light; --ink:#1d1d1f; --muted:#5f6368; --line:#d9dce1; --mark:#fff3b0; --target:#ffd54f; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; }
header.page, main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem; }
header.page { border-bottom: 1px solid var(--line); }
h1 { font-size: 1.4rem; margin: .2rem 0; } h2 { font-size: 1.15rem; margin-top: 1.6rem; } h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.notice { background: #eef4ff; border-left: 4px solid #3867d6; padding: .5rem .8rem; margin: .6rem 0; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .55rem; text-align: left; vertical-align: top; }
th { background: #f5f6f8; }
.level { display: inline-block; padding: 0 .45rem; border-radius: 3px; border: 1px solid; font-weight: 600; white-space: nowrap; }
.level-none { border-color: #9aa0a6; color: #5f6368; background: #fff; }
.level-mentioned { border-color: #b58900; color: #6b5200; background: #fff8e1; }
.level-used { border-color: #2e7d32; color: #1b5e20; background: #e8f5e9; }
.level-strong { border-color: #1b5e20; color: #fff; background: #2e7d32; }
.flag { border-left: 4px solid #c62828; background: #fdecea; padding: .4rem .7rem; margin: .4rem 0; }
.error { border-left: 4px solid #c62828; background: #fdecea; padding: .6rem .9rem; }
.grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; }
@media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
ul.items { padding-left: 1.1rem; } ul.items li { margin: .35rem 0; }
q { quotes: "“" "”"; } mark { background: var(--mark); padding: 0 .1rem; }
.text { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; border: 1px solid var(--line); padding: .4rem 0; max-height: 85vh; overflow: auto; position: sticky; top: .5rem; }
.text .ln { display: grid; grid-template-columns: 5.5em minmax(0, 1fr); padding: 0 .5rem; white-space: pre-wrap; word-break: break-word; }
.text .ln .no { color: var(--muted); user-select: none; }
.text .ln.heading { font-weight: 700; }
.text .ln.evidence { background: #f1f8e9; }
.text .ln.hidden { color: #b71c1c; background: #fdecea; }
.text .ln:target { background: var(--target); outline: 2px solid #f9a825; }
.text .page { color: var(--muted); padding: .3rem .5rem; border-top: 1px dashed var(--line); }
a:focus-visible { outline: 3px solid #3867d6; outline-offset: 2px; }
`;

/**
 * Extra rules of the reviewer workspace (navigation, forms, filters, badges for decisions). Pages
 * pass it as `extraStyle`; standalone reports do not carry it.
 */
export const WORKSPACE_STYLE = `
.skip { position: absolute; left: -999px; } .skip:focus { left: .5rem; top: .5rem; background: #fff; padding: .3rem .6rem; z-index: 10; }
header.ws { background: #1f2937; color: #f9fafb; }
header.ws nav { max-width: 1200px; margin: 0 auto; padding: .45rem 1.5rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
header.ws a { color: #f9fafb; } header.ws .who { margin-left: auto; }
header.ws form { display: inline; margin: 0; }
button, input[type=submit] { font: inherit; padding: .3rem .8rem; border: 1px solid #374151; border-radius: 4px; background: #f3f4f6; color: #111827; cursor: pointer; }
button.primary { background: #3867d6; border-color: #2f56b0; color: #fff; }
button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid #3867d6; outline-offset: 2px; }
label { font-weight: 600; } input[type=text], input[type=password], select, textarea { font: inherit; padding: .25rem .4rem; border: 1px solid #9aa0a6; border-radius: 3px; }
textarea { width: 100%; min-height: 4.5em; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .6rem 0; padding: .5rem .8rem; }
form.stack > div { margin: .5rem 0; } form.stack label { display: block; }
form.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: flex-end; background: #f8f9fb; border: 1px solid var(--line); padding: .6rem .8rem; border-radius: 4px; }
form.filters label { display: block; font-size: .85rem; }
.decision { display: inline-block; padding: 0 .45rem; border-radius: 3px; border: 1px solid #6b7280; font-weight: 600; white-space: nowrap; }
.decision-advance { background: #e0f2fe; border-color: #0369a1; color: #075985; }
.decision-hold { background: #f3f4f6; border-color: #6b7280; color: #374151; }
.decision-decline { background: #fef2f2; border-color: #b91c1c; color: #991b1b; }
.flagchip { display: inline-block; font-size: .8rem; border: 1px solid #c62828; color: #8e1c1c; background: #fdecea; border-radius: 3px; padding: 0 .35rem; margin: .1rem .1rem 0 0; }
.blind { background: #f5f3ff; border-left: 4px solid #6d28d9; padding: .5rem .8rem; margin: .6rem 0; }
a.evidence-link { color: inherit; text-decoration: none; display: block; border-radius: 3px; padding: .1rem .2rem; }
a.evidence-link:hover, a.evidence-link:focus-visible { background: #eef4ff; }
a.evidence-link .where { color: #1d4ed8; text-decoration: underline; }
ol.history { padding-left: 1.2rem; } ol.history li { margin: .3rem 0; }
.error-box { border-left: 4px solid #c62828; background: #fdecea; padding: .5rem .8rem; margin: .6rem 0; }
.ok-box { border-left: 4px solid #2e7d32; background: #e8f5e9; padding: .5rem .8rem; margin: .6rem 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
`;

export function htmlPage(title: string, body: string, extraStyle = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${extraStyle}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
