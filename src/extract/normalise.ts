/**
 * Pure, deterministic text clean-up shared by every extractor. Evidence quotes are substrings of
 * the text these functions return, so they must never depend on anything but their input.
 */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const SOFT_HYPHEN = /\u00AD/g;
/** C0/C1 control characters other than tab; they render as nothing and break matching. */
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;
/**
 * Bullet glyphs that stand alone: they need no following space. Includes the private-use glyphs
 * Word's Symbol/Wingdings bullets become in PDFs (U+F0B7, U+F0A7, U+F076, U+F0D8).
 */
const GLYPH_BULLET = /^[•◦▪▫‣●○■□►▸▹➢➤✓✔❖⁃∙·\uF0B7\uF0A7\uF076\uF0D8]+\s*/u;
/** ASCII-like bullets count only when followed by a space, so "-5%" or "*args" stay intact. */
const DASH_BULLET = /^[-–—*+]\s+/u;
const SPACES = /\s+/g;
/** Whitespace that SPACES would change: anything but single ordinary spaces. */
const IRREGULAR_SPACING = /[^\S ]|\s\s/;

/**
 * Normalises one line: NFKC (ligatures ﬁ/ﬂ become fi/fl, NBSP becomes a space), soft hyphens,
 * zero-width and control characters removed, bullets at the start written as "- ", whitespace
 * collapsed and trimmed.
 */
export function normaliseLine(text: string): string {
  let cleaned = text.normalize('NFKC').replace(ZERO_WIDTH, '').replace(SOFT_HYPHEN, '').replace(CONTROL, ' ');
  // Most lines are already single-spaced: a test is much cheaper than replacing every space by itself.
  if (IRREGULAR_SPACING.test(cleaned)) cleaned = cleaned.replace(SPACES, ' ');
  return normaliseBullet(cleaned.trim());
}

/** Writes any leading bullet as "- " so every list item looks the same; a lone bullet is empty. */
export function normaliseBullet(text: string): string {
  const match = GLYPH_BULLET.exec(text) ?? DASH_BULLET.exec(text);
  if (!match) return text;
  const rest = text.slice(match[0].length).trim();
  return rest === '' ? '' : `- ${rest}`;
}

/** A word split by a line-break hyphen: "reinforce-" (or a trailing soft hyphen) at line end. */
const TRAILING_HYPHEN = /(\p{L})(?:-|\u00AD)$/u;
const LEADING_WORD = /^(\p{Ll}[\p{L}\p{M}]*)([,.;:!?)]*)(\s+|$)/u;

/**
 * Rejoins words hyphenated across a line break: "reinforce-" + "ment learning" becomes
 * "reinforcement" + "learning". Only when the next line starts with a lower-case letter, so
 * "Research-" + "Engineer" or "- item" lists are left alone. Works on raw (not yet normalised)
 * lines so a trailing soft hyphen still marks the break. `canJoin` says whether two lines belong
 * together (same page, column and visibility); lines emptied by the join are removed.
 */
export function joinHyphenatedLines<T extends { text: string }>(
  lines: readonly T[],
  canJoin: (first: T, second: T) => boolean = () => true,
): T[] {
  // Lines are copied only when a join changes them: few lines end in a hyphen, and copying every
  // line of every document showed up in profiles. The input lines are never modified.
  const result: T[] = lines.slice();
  for (let index = 0; index + 1 < result.length; index++) {
    const current = result[index];
    const next = result[index + 1];
    if (!current || !next) continue;
    // trimEnd/trimStart remove exactly what /\s+$/u and /^\s+/u match.
    const currentText = current.text.trimEnd();
    // The character test is a cheap pre-check for TRAILING_HYPHEN, which few lines pass.
    const last = currentText.at(-1);
    if ((last !== '-' && last !== '\u00AD') || !canJoin(current, next) || !TRAILING_HYPHEN.test(currentText)) continue;
    const nextText = next.text.trimStart();
    const word = LEADING_WORD.exec(nextText);
    if (!word || word[1] === undefined) continue;
    const carried = word[1] + (word[2] ?? '');
    result[index] = { ...current, text: currentText.slice(0, -1) + carried };
    result[index + 1] = { ...next, text: nextText.slice(word[0].length) };
  }
  return result.filter((line) => line.text.trim() !== '');
}

