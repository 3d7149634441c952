import type { Line } from '../extract/document.schema';
import type { Report } from '../report/report.schema';

/**
 * Blind review: hides what identifies a person or their protected characteristics, so the reviewer
 * reads evidence, not a name. Pure text rules; they err on the side of hiding (a common word that
 * is also the candidate's name is hidden everywhere). What is hidden:
 * - the name: the first header line that looks like a name, and its words wherever they recur
 *   (publication author lists, footers), with or without diacritics;
 * - contact lines of the header (any header line with an e-mail, phone or link: city and country
 *   go with them), labelled lines (Address:, Phone:, LinkedIn:, Pronouns:, Date of birth: …);
 * - e-mails, phone numbers, URLs and web addresses, street addresses, postcodes;
 * - photo captions ("Photo: …", "[headshot]");
 * - pronouns and honorifics (he/she/him/her…, they/them declarations, Mr/Ms/Mrs/Mx).
 */
export const HIDDEN = {
  name: '[name]',
  email: '[email]',
  phone: '[phone]',
  link: '[link]',
  address: '[address]',
  contactLine: '[contact details hidden]',
  photo: '[photo caption hidden]',
  pronoun: '[pronoun]',
  title: '[title]',
  labelled: '[personal detail hidden]',
} as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL_LIKE = /\b(?:https?:\/\/|www\.)[^\s)>\]]+/giu;
const TLDS = 'com|org|net|io|dev|ai|me|co|info|app|page|site|xyz|eu|uk|de|se|no|dk|fi|fr|es|it|nl|ch|at|be|pl|cz|in|cn|jp|au|ca|us|br|ng|za';
const BARE_DOMAIN = new RegExp(`\\b(?:[a-z0-9-]+\\.)+(?:${TLDS})\\b(?:/[^\\s)>\\]]*)?`, 'giu');
/** Digit groups joined by spaces, dots, dashes or brackets; counted as a phone number below. */
const PHONE_CANDIDATE = /(?:\+\s?)?(?:\(\d{1,5}\)\s?)?\d[\d\s().-]{5,}\d/g;
const STREET =
  /\b\d{1,5}[A-Za-z]?\s+(?:[\p{Lu}][\p{L}'.-]*\s+){0,4}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Way|Court|Ct\.?|Place|Pl\.?|Square|Sq\.?|Terrace|Close|Crescent|Highway|Hwy\.?)(?![\p{L}])/gu;
const STREET_NAME_FIRST = /\b[\p{Lu}][\p{L}-]*(?:gatan|vägen|straße|strasse|str\.|weg|laan|gade|vej|veien)\s+\d{1,5}[A-Za-z]?\b/gu;
const US_POSTCODE = /\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b/g;
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/g;
const PRONOUN_DECLARATION = /\b(?:she|he|they|ze|xe)\s*\/\s*(?:her|him|them|hir|zir|xem)(?:\s*\/\s*(?:hers|his|theirs|hirs|zirs|xyrs))?\b/giu;
const PRONOUNS = /(?<![\p{L}\p{N}])(?:he|him|his|himself|she|her|hers|herself)(?![\p{L}\p{N}])/giu;
const HONORIFICS = /(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Miss|Mx|Sir|Madam)\.?(?=\s+[\p{Lu}])/gu;
const PHOTO_LINE = /^\s*[[(]?\s*(?:photo|photograph|picture|image|headshot|portrait|profile (?:photo|picture))\b/i;
const LABELLED_LINE =
  /^\s*(?:address|home address|location|phone|mobile|tel(?:ephone)?|e-?mail|linkedin|github|website|web|homepage|portfolio|twitter|x\.com|pronouns?|date of birth|dob|born|birthday|age|gender|sex|nationality|citizenship|marital status|religion)\s*[:|–-]/i;

/** Header lines that look like a person's name: 2–4 capitalised words, no digits or symbols. */
const NAME_LINE = /^(?:[\p{Lu}][\p{L}'’.-]*)(?:\s+(?:[\p{Lu}][\p{L}'’.-]*|de|da|del|der|van|von|la|le|bin|al|ibn|dos|du)){1,3}$/u;
const FILE_NAME_NOISE = new Set(['resume', 'cv', 'curriculum', 'vitae', 'final', 'updated', 'new', 'copy', 'draft', 'version', 'english', 'pdf', 'docx', 'doc', 'txt', 'md', 'rtf', 'the', 'and', 'job', 'application']);

function stripMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function digitCount(text: string): number {
  return (text.match(/\d/g) ?? []).length;
}

function hideContacts(text: string): string {
  return text
    .replace(EMAIL, HIDDEN.email)
    .replace(URL_LIKE, HIDDEN.link)
    .replace(BARE_DOMAIN, HIDDEN.link)
    .replace(PHONE_CANDIDATE, (match) => {
      const digits = digitCount(match);
      // Year ranges ("2019-2021") have 8 digits; a phone has at least 9, or 7 with "+" or "(area)".
      const looksInternational = /^[+(]/.test(match.trim());
      return digits >= 9 || (looksInternational && digits >= 7) ? HIDDEN.phone : match;
    })
    .replace(STREET, HIDDEN.address)
    .replace(STREET_NAME_FIRST, HIDDEN.address)
    .replace(US_POSTCODE, HIDDEN.address)
    .replace(UK_POSTCODE, (match) => (/\d/.test(match) && /[A-Z]{2}$/.test(match) ? HIDDEN.address : match));
}

function hidePronouns(text: string): string {
  return text.replace(PRONOUN_DECLARATION, HIDDEN.pronoun).replace(PRONOUNS, HIDDEN.pronoun).replace(HONORIFICS, HIDDEN.title);
}

export interface Redactor {
  /** Redacts free text (a quote whose line is unknown, a note). */
  text(text: string): string;
  /** Redacts one line of the extracted text; whole lines (name, contact lines) are replaced. */
  line(page: number, line: number, text: string): string;
  /** True when the line is replaced as a whole (the name line, a header contact line). */
  hidesWholeLine(page: number, line: number): boolean;
  /** The name words it hides everywhere (for tests and the candidate page's explanation). */
  readonly nameWords: readonly string[];
}

function nameWordPattern(words: readonly string[]): RegExp | undefined {
  const variants = new Set<string>();
  for (const word of words) {
    variants.add(word);
    variants.add(stripMarks(word));
  }
  const alternatives = [...variants].filter((word) => word.length >= 2).sort((a, b) => b.length - a.length).map(escapeRegExp);
  if (alternatives.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** The candidate's name as written at the top of the résumé, if a header line looks like one. */
export function findNameLine(lines: readonly Line[]): Line | undefined {
  const header = lines.filter((line) => line.section === 'header' && !line.hidden && line.text.trim() !== '').slice(0, 4);
  return header.find((line) => NAME_LINE.test(line.text.trim()));
}

function fileNameWords(fileName: string, lines: readonly Line[]): string[] {
  const base = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const headerText = stripMarks(lines.filter((line) => line.section === 'header').map((line) => line.text).join(' ').toLowerCase());
  return base
    .split(/[^\p{L}]+/u)
    .filter((word) => word.length >= 3 && !FILE_NAME_NOISE.has(word.toLowerCase()))
    // Only words that also appear at the top of the résumé: "resume-final-v2" adds nothing.
    .filter((word) => headerText.includes(stripMarks(word.toLowerCase())));
}

/**
 * Builds the redactor of one report: learns the name from the header (and the file name's words
 * that the header confirms) and which header lines are contact lines.
 */
export function buildRedactor(report: Report): Redactor {
  const lines = report.status === 'ok' ? report.text : [];
  const nameLine = findNameLine(lines);
  const nameWords = [
    ...(nameLine ? nameLine.text.trim().split(/\s+/).filter((word) => /^\p{Lu}/u.test(word)).map((word) => word.replace(/[.’']+$/u, '')) : []),
    ...fileNameWords(report.source.fileName, lines),
  ];
  const namePattern = nameWordPattern([...new Set(nameWords)]);
  const wholeLines = new Map<string, string>();
  if (nameLine) wholeLines.set(`${nameLine.page}:${nameLine.line}`, HIDDEN.name);
  for (const line of lines) {
    if (line.section !== 'header') continue;
    if (hideContacts(line.text) !== line.text) wholeLines.set(`${line.page}:${line.line}`, HIDDEN.contactLine);
  }

  const text = (input: string): string => {
    let output = input;
    if (PHOTO_LINE.test(output)) return HIDDEN.photo;
    if (LABELLED_LINE.test(output)) return HIDDEN.labelled;
    output = hideContacts(output);
    if (namePattern) output = output.replace(namePattern, HIDDEN.name);
    return hidePronouns(output);
  };
  return {
    nameWords: [...new Set(nameWords)],
    text,
    line: (page, line, input) => wholeLines.get(`${page}:${line}`) ?? text(input),
    hidesWholeLine: (page, line) => wholeLines.has(`${page}:${line}`),
  };
}

/** A stable pseudonym for a candidate in a blind batch, from the report id (not the person). */
export function pseudonym(reportId: string): string {
  return `Candidate ${reportId.replace(/^report-/, '').slice(0, 6).toUpperCase()}`;
}

/** A quote with its highlighted span, redacted piece by piece so the span still points at the match. */
export function redactSpan(redactor: Redactor, page: number, line: number, quote: string, span: readonly [number, number]): { quote: string; span: [number, number]; matched: string } {
  if (redactor.hidesWholeLine(page, line) || PHOTO_LINE.test(quote) || LABELLED_LINE.test(quote)) {
    // The whole line is hidden (the name, a contact line): no span to show.
    return { quote: redactor.line(page, line, quote), span: [0, 0], matched: '' };
  }
  const before = redactor.text(quote.slice(0, span[0]));
  const matched = redactor.text(quote.slice(span[0], span[1]));
  const after = redactor.text(quote.slice(span[1]));
  return { quote: `${before}${matched}${after}`, span: [before.length, before.length + matched.length], matched };
}

/**
 * The report as a blind reviewer sees it: every quote, line, flag and publication redacted, the
 * file name and the file-name-derived candidate id replaced. Levels and rules are untouched.
 */
export function redactReport(report: Report): Report {
  const redactor = buildRedactor(report);
  const anonymous = {
    candidateId: `candidate-${report.source.sha256.slice(0, 10)}`,
    source: { ...report.source, fileName: '[file name hidden]' },
  };
  if (report.status === 'error') return { ...report, ...anonymous, error: { ...report.error, message: redactor.text(report.error.message) } };
  return {
    ...report,
    ...anonymous,
    requirements: report.requirements.map((requirement) => ({
      ...requirement,
      items: requirement.items.map((item) => {
        const redacted = redactSpan(redactor, item.page, item.line, item.quote, item.span);
        return { ...item, quote: redacted.quote, span: redacted.span, matched: redacted.matched === '' ? item.term : redacted.matched };
      }),
      ignored: requirement.ignored.map((ignored) => ({ ...ignored, quote: redactor.line(ignored.page, ignored.line, ignored.quote), matched: redactor.text(ignored.matched) })),
    })),
    flags: report.flags.map((flag) => ({
      ...flag,
      message: redactor.text(flag.message),
      quotes: flag.quotes.map((quote) => ({ ...quote, quote: redactor.line(quote.page, quote.line, quote.quote) })),
    })),
    publications: report.publications.map((publication) => ({ ...publication, quote: redactor.line(publication.page, publication.line, publication.quote) })),
    text: report.text.map((line) => ({ ...line, text: redactor.line(line.page, line.line, line.text) })),
  };
}
