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

export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
