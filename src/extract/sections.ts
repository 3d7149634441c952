import type { Section } from './document.schema';

/** Headings are short; a longer line that happens to start with "Experience" is prose. */
const MAX_HEADING_WORDS = 6;
const MAX_INLINE_HEADING_WORDS = 3;

/**
 * Heading vocabulary, checked in order: the first pattern matching the whole cleaned heading
 * wins, so "volunteer experience" (other) is tested before "experience".
 */
const VOCABULARY: Array<{ section: Section; pattern: RegExp }> = [
  {
    section: 'other',
    pattern:
      /^(volunteer(ing)?( work| experience)?|languages?|spoken languages|interests|hobbies( and interests)?|references|certifications?|certificates|licen[cs]es( and certifications)?|activities|extracurricular activities|leadership|talks|invited talks|presentations|service|professional service|academic service|memberships|affiliations|professional affiliations|contact|contact (details|information)|personal (details|information)|additional information|teaching|courses|coursework|relevant coursework)$/,
  },
  {
    section: 'summary',
    pattern:
      /^((professional |career |personal |executive )?(summary|profile)|about( me)?|(career |professional )?objectives?|overview|research interests|research statement|introduction)$/,
  },
  {
    section: 'experience',
    pattern:
      /^((work|professional|research|industry|industrial|relevant|employment|career|teaching)? ?(experience|history)|employment|work|positions( held)?|career|internships?|professional background|experience and internships)$/,
  },
  { section: 'education', pattern: /^(education|academic (background|history|qualifications)|education and training|qualifications|studies)$/ },
  {
    section: 'projects',
    pattern: /^((selected|personal|side|key|research|academic|notable|open[- ]source) )?projects$|^open[- ]source( contributions| work)?$/,
  },
  {
    section: 'publications',
    pattern:
      /^((selected|peer[- ]reviewed|recent|refereed) )?(publications|papers)$|^(research output|conference papers|journal articles|preprints|patents|publications and (talks|patents|presentations)|papers and (talks|patents))$/,
  },
  {
    section: 'skills',
    pattern:
      /^((technical|core|key|computer|programming|software|relevant) )?(skills|competencies|expertise)$|^(skills (and|summary)( \w+)?|technologies|tools|tools and technologies|technical stack|tech stack|programming languages|skill set|skillset|technical proficiencies)$/,
  },
  {
    section: 'awards',
    pattern: /^(awards?|honou?rs|achievements|awards and (honou?rs|achievements|grants)|honou?rs and awards|scholarships|fellowships|grants|prizes|distinctions|fellowships and awards|grants and awards)$/,
  },
];

/** What a line tells us about sections. */
export interface HeadingMatch {
  section: Section;
  /** True when the line is only a heading; false when content follows on the same line. */
  standalone: boolean;
}

/**
 * Recognises a section heading: "EXPERIENCE", "Work Experience:", "## Education",
 * "E D U C A T I O N", "1. Publications", or "Skills: Python, Go" (heading with content).
 * `hint` is true when the source marked the line as a heading (Markdown `#`, DOCX h1-h6).
 */
export function matchHeading(text: string): HeadingMatch | undefined {
  // matchHeading runs on every line: skip the regex passes that have nothing to remove.
  const standalone = lookUp(text.includes(':') ? text.replace(/:\s*$/, '') : text, MAX_HEADING_WORDS);
  if (standalone) return { section: standalone, standalone: true };
  const colon = text.indexOf(':');
  if (colon <= 0 || text.slice(colon + 1).trim() === '') return undefined;
  const inline = lookUp(text.slice(0, colon), MAX_INLINE_HEADING_WORDS);
  // "Languages: Python, Go" inside a skills list is a label, not a new section; only the
  // well-known sections may start inline.
  if (!inline || inline === 'other') return undefined;
  return { section: inline, standalone: false };
}

function lookUp(raw: string, maxWords: number): Section | undefined {
  const cleaned = cleanHeading(raw);
  if (cleaned === '' || hasMoreWords(cleaned, maxWords)) return undefined;
  return VOCABULARY.find((entry) => entry.pattern.test(cleaned))?.section;
}

/** More than `maxWords` space-separated words (counts spaces; no array of words is built). */
function hasMoreWords(text: string, maxWords: number): boolean {
  let spaces = 0;
  for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1)) {
    spaces += 1;
    if (spaces >= maxWords) return true;
  }
  return false;
}

/** Lower-cases and strips markup, numbering, bullets, letter-spacing and "&" from a heading. */
export function cleanHeading(raw: string): string {
  let text = raw.trim();
  // Letter-spaced capitals ("E X P E R I E N C E", words separated by 2+ spaces).
  if (/^(\p{L} )+\p{L}$/u.test(text) || /^(\p{L} )+\p{L}( {2,}(\p{L} )+\p{L})*$/u.test(text)) {
    text = text
      .split(/ {2,}/)
      .map((word) => word.replace(/ /g, ''))
      .join(' ');
  }
  text = text
    .replace(/^#{1,6}\s*/, '')
    .replace(/^[-–•*\s]+/u, '')
    .replace(/^(\d+|[ivx]+)[.)]\s+/i, '');
  // Most lines have no emphasis or "&": skip those whole-line passes (cleanHeading runs on every line).
  if (text.includes('*') || text.includes('_')) text = text.replace(/[*_]+/g, '');
  if (text.includes('&')) text = text.replace(/\s*&\s*/g, ' and ');
  return text
    .replace(/[.:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * One step of the section walk: the section a line belongs to, given the section of the line
 * before it, and whether the line is a standalone heading. Hidden text must not steer the reading
 * of visible text, so a hidden line never opens a section. finish() walks every line with it from
 * `header`: lines before the first recognised heading stay there, and unknown headings (a company
 * name in bold, "## Acme Corp") never change the section, so they stay inside the one they appear in.
 */
export function sectionStep(current: Section, text: string, hidden: boolean | undefined): { section: Section; heading: boolean } {
  const match = hidden ? undefined : matchHeading(text);
  return match ? { section: match.section, heading: match.standalone } : { section: current, heading: false };
}

