/**
 * Entries of a publication list: grouped into entries (numbered, bracketed, bulleted, or one per
 * line with continuation lines), with venue, year and whether the candidate is first author.
 */
import type { Line } from '../extract/document.schema';

export interface PublicationEntry {
  /** The entry's lines; the first is the one quoted. */
  lines: Line[];
  text: string;
  venue?: string;
  year?: number;
  /** A main-track paper at one of MAIN_VENUES (not a workshop). */
  mainVenue: boolean;
  firstAuthor: boolean;
}

/** Venues whose first-author main-track paper alone makes the publication evidence strong. */
export const MAIN_VENUES = ['NeurIPS', 'ICML', 'ICLR', 'ACL', 'EMNLP', 'NAACL', 'AAAI'] as const;

const VENUES: Array<{ venue: string; pattern: RegExp }> = [
  { venue: 'NeurIPS', pattern: /\bNeurIPS\b|\bNIPS\b|Neural Information Processing Systems/ },
  { venue: 'ICML', pattern: /\bICML\b|International Conference on Machine Learning/ },
  { venue: 'ICLR', pattern: /\bICLR\b|International Conference on Learning Representations/ },
  { venue: 'EMNLP', pattern: /\bEMNLP\b|Empirical Methods in Natural Language Processing/ },
  { venue: 'NAACL', pattern: /\bNAACL\b/ },
  { venue: 'ACL', pattern: /\bACL\b|Association for Computational Linguistics/ },
  { venue: 'AAAI', pattern: /\bAAAI\b/ },
  { venue: 'IJCAI', pattern: /\bIJCAI\b/ },
  { venue: 'CVPR', pattern: /\bCVPR\b|Computer Vision and Pattern Recognition/ },
  { venue: 'ICCV', pattern: /\bICCV\b/ },
  { venue: 'ECCV', pattern: /\bECCV\b/ },
  { venue: 'TMLR', pattern: /\bTMLR\b|Transactions on Machine Learning Research/ },
  { venue: 'JMLR', pattern: /\bJMLR\b|Journal of Machine Learning Research/ },
  { venue: 'CoRL', pattern: /\bCoRL\b|Conference on Robot Learning/ },
  { venue: 'AISTATS', pattern: /\bAISTATS\b/ },
  { venue: 'COLM', pattern: /\bCOLM\b|Conference on Language Modeling/ },
  { venue: 'arXiv', pattern: /\barxiv\b/i },
];
const WORKSHOP = /\bworkshops?\b/i;
const THESIS = /\b(thesis|dissertation)\b/i;
/** A journal or proceedings of any field ("Journal of Cellular Plastics", "Proceedings of the ... Conference"). */
const OTHER_VENUE = /\b(?:Journal of|Proceedings of|Transactions on|[A-Z][a-z]+ Letters\b|Conference on)/;
const YEAR = /(?<![\d.:/])(19[5-9]\d|20\d\d)(?![\d]|\.\d)/;
const ENTRY_MARKER = /^\s*(?:\[\d+\]|\(\d+\)|\d+[.)]|[-*•–—·▪●◦►])\s+/u;
/** "A. Name", "A. B. Name", "Name, A." at the start of an entry: an author list. */
const AUTHOR_START = /^(?:(?:\p{Lu}\.\s?-?){1,3}\s?(\p{Lu}[\p{L}'’-]+)|(\p{Lu}[\p{L}'’-]+),\s(?:\p{Lu}\.\s?){1,3})/u;
/** "Submitted", "under review" or anonymous papers are claims, not listed publications. */
const NOT_PUBLISHED = /\bunder review\b|\bin submission\b|\banonymous\b|\bin preparation\b/i;
const MIN_ENTRY_WORDS = 4;

export function stripMarker(text: string): string {
  return text.replace(ENTRY_MARKER, '');
}

function venueOf(text: string): { venue?: string; mainVenue: boolean } {
  let found: { venue: string; index: number } | undefined;
  for (const { venue, pattern } of VENUES) {
    const match = pattern.exec(text);
    if (match && (found === undefined || match.index < found.index)) found = { venue, index: match.index };
  }
  const workshop = WORKSHOP.test(text);
  if (found) {
    if (workshop && found.venue !== 'arXiv') return { venue: `${found.venue} Workshop`, mainVenue: false };
    return { venue: found.venue, mainVenue: (MAIN_VENUES as readonly string[]).includes(found.venue) };
  }
  if (workshop) return { venue: 'Workshop', mainVenue: false };
  const thesis = THESIS.exec(text);
  if (thesis) return { venue: 'Thesis', mainVenue: false };
  if (OTHER_VENUE.test(text)) return { venue: 'Journal or proceedings', mainVenue: false };
  return { mainVenue: false };
}

function surnameWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((word) => word.length >= 3);
}

/** Lower-case words of the candidate's name, read from the first visible line of the document. */
export function candidateNameWords(lines: readonly Line[]): Set<string> {
  const first = lines.find((line) => !line.hidden && line.text.trim() !== '');
  if (first === undefined) return new Set();
  let name = first.text.trim();
  // Narrow columns break long names: "Idris Calloway-" / "Nakamura".
  const next = lines[lines.indexOf(first) + 1];
  if (name.endsWith('-') && next !== undefined) name += next.text.trim();
  if (name.split(/\s+/).length > 5) return new Set();
  return new Set(surnameWords(name));
}

function isFirstAuthor(text: string, nameWords: ReadonlySet<string>): boolean {
  if (/\bfirst[- ]author\b/i.test(text)) return true;
  const author = AUTHOR_START.exec(stripMarker(text).trim());
  const surname = author?.[1] ?? author?.[2];
  if (surname === undefined) return false;
  return surnameWords(surname).some((word) => nameWords.has(word));
}

function buildEntry(lines: Line[], nameWords: ReadonlySet<string>): PublicationEntry | undefined {
  const text = lines.map((line) => stripMarker(line.text).trim()).join(' ');
  if (NOT_PUBLISHED.test(text)) return undefined;
  const { venue, mainVenue } = venueOf(text);
  const yearMatch = YEAR.exec(text);
  const year = yearMatch?.[1] === undefined ? undefined : Number(yearMatch[1]);
  const words = text.split(/\s+/).filter((word) => word !== '').length;
  if (words < MIN_ENTRY_WORDS && venue === undefined && year === undefined) return undefined;
  const entry: PublicationEntry = { lines, text, mainVenue, firstAuthor: isFirstAuthor(text, nameWords) };
  if (venue !== undefined) entry.venue = venue;
  if (year !== undefined) entry.year = year;
  return entry;
}

/** A line that cannot start an entry on its own in an unnumbered list. */
function continues(line: Line, previous: Line | undefined): boolean {
  if (previous === undefined) return false;
  const text = line.text.trim();
  if (/^[\p{Ll}(]/u.test(text)) return true;
  if (/^(in |proc\b|proceedings\b|pp\.|vol\.|pages\b)/i.test(text)) return true;
  if (/[,:;&–-]$|\band$/.test(previous.text.trim())) return true;
  // A short tail such as "2022." or "Concrete Conference, 2022." after an entry without a year.
  if (text.split(/\s+/).length <= 4 && !YEAR.test(previous.text) && YEAR.test(text)) return true;
  // The venue line of a wrapped entry ("EMNLP 2023 Workshop on Efficient NLP.") after an author
  // and title line that has neither venue nor year: it finishes that entry, it is not a new one.
  const previousText = stripMarker(previous.text).trim();
  const previousComplete = YEAR.test(previousText) || venueOf(previousText).venue !== undefined;
  return !previousComplete && AUTHOR_START.test(previousText) && !AUTHOR_START.test(text) && (YEAR.test(text) || venueOf(text).venue !== undefined);
}

/**
 * Groups consecutive lines of one list into entries. When any line carries a marker ("1.",
 * "[2]", "•"), markers start entries and other lines continue them; otherwise each line is an
 * entry unless it reads as the continuation of the previous one.
 */
export function groupEntries(lines: readonly Line[], nameWords: ReadonlySet<string>): PublicationEntry[] {
  const marked = lines.some((line) => ENTRY_MARKER.test(line.text));
  const groups: Line[][] = [];
  lines.forEach((line, index) => {
    const current = groups[groups.length - 1];
    const startsEntry = marked ? ENTRY_MARKER.test(line.text) : !continues(line, lines[index - 1]);
    if (startsEntry || current === undefined) groups.push([line]);
    else current.push(line);
  });
  return groups.flatMap((group) => buildEntry(group, nameWords) ?? []);
}

/**
 * A reference outside a publications section: starts with an author list and names a venue or
 * thesis and a year (on the line or the next). Used when a list's heading was not recognised.
 */
export function isCitationLine(line: Line, next: Line | undefined): boolean {
  const text = stripMarker(line.text).trim();
  if (!AUTHOR_START.test(text) || NOT_PUBLISHED.test(text)) return false;
  const { venue } = venueOf(text);
  if (venue === undefined) return false;
  return YEAR.test(text) || (next !== undefined && YEAR.test(next.text));
}
