/**
 * Counterfactual résumés for the fairness probe: the same document with the person's name, email,
 * pronouns, address, school names, date of birth and photo caption changed. Built on the extracted
 * document, not the file bytes, so PDF and DOCX are probed the same way as text; lines keep their
 * page, number and section, so evidence can be compared item by item.
 */
import type { ExtractedDocument, Line } from '../extract/document.schema';
import type { Profile } from '../profile/profile.schema';

export type SubstitutionKind = 'name' | 'email' | 'pronoun' | 'address' | 'school' | 'birth-date' | 'photo-caption';
/** Lines that describe the person, not their work: evidence must never come from them. */
export type PersonalLineKind = 'name' | 'address' | 'birth-date' | 'photo-caption';

export const VARIANTS = ['she', 'he', 'they'] as const;
export type VariantName = (typeof VARIANTS)[number];

export interface LineChange {
  page: number;
  line: number;
  original: string;
  variant: string;
  kinds: SubstitutionKind[];
}

export interface PersonalLine {
  page: number;
  line: number;
  kind: PersonalLineKind;
}

export interface Counterfactual {
  variant: VariantName;
  document: ExtractedDocument;
  /** Every line whose text changed, with what was changed on it. */
  changes: LineChange[];
  personalLines: PersonalLine[];
  /** Maps text of the original document to the variant with the document-wide substitutions. */
  mapText: (text: string) => string;
}

export interface CounterfactualOptions {
  variant: VariantName;
  /**
   * Lower-case words never substituted (the profile's vocabulary): a surname such as "Gym" must
   * not silently remove evidence words. Default: none.
   */
  keepWords?: ReadonlySet<string>;
}

// Replacement pools: invented or common words, chosen per variant so each probe differs in origin
// and gender cues. A word already in the document is skipped, so every substitution is reversible.
const GIVEN_NAMES: Record<VariantName, string[]> = {
  she: ['Amara', 'Soraya', 'Mireille', 'Ngozi', 'Ingeborg', 'Yuki'],
  he: ['Tobias', 'Kwabena', 'Hiroshi', 'Mateus', 'Dariusz', 'Omar'],
  they: ['Robin', 'Sasha', 'Noa', 'Ashwin', 'Kai', 'Rowan'],
};
const SURNAMES: Record<VariantName, string[]> = {
  she: ['Fairweather', 'Okonkwo', 'Haldane', 'Villeneuve', 'Thistlewood', 'Quispe'],
  he: ['Brightwell', 'Adeyemi', 'Lindgren', 'Castellano', 'Wexford', 'Tanaka'],
  they: ['Penberthy', 'Nakashima', 'Mwangi', 'Oyarzun', 'Holloway', 'Kovalenko'],
};
const PLACES: Record<VariantName, string[]> = {
  she: ['Larkmoor', 'Quillby', 'Dunmarsh', 'Orrinford', 'Pellworth', 'Skellbrook'],
  he: ['Thornquay', 'Wyvernholt', 'Ambergate', 'Coldharbour', 'Marrowdale', 'Fennick'],
  they: ['Saltmarsh', 'Brindlecombe', 'Cragmoor', 'Hollins', 'Edgerow', 'Tarnwick'],
};
const SCHOOL_PLACES: Record<VariantName, string[]> = {
  she: ['Harrowgate', 'Fenmoor', 'Oakhollow', 'Wyncliffe'],
  he: ['Brackenridge', 'Silverlea', 'Kilmarden', 'Ravensholt'],
  they: ['Ashgrove', 'Merriwell', 'Stonebury', 'Glenmarch'],
};
const BIRTH_DATES: Record<VariantName, string> = { she: '14 February 1979', he: '3 November 1996', they: '29 July 1988' };
const AGES: Record<VariantName, string> = { she: '47', he: '29', they: '38' };
const STREETS: Record<VariantName, string> = { she: '27 Larkspur Row', he: '4 Quarry Lane', they: '118 Weaver Street' };

const PRONOUNS: Record<VariantName, Record<string, string>> = {
  she: { he: 'she', him: 'her', his: 'her', himself: 'herself' },
  he: { she: 'he', her: 'his', hers: 'his', herself: 'himself' },
  they: { he: 'they', she: 'they', him: 'them', his: 'their', her: 'their', hers: 'theirs', himself: 'themselves', herself: 'themselves' },
};

/** Words that make a capitalised line a title or heading rather than a person's name. */
const NOT_NAME_WORDS = new Set(
  [
    'engineer', 'scientist', 'research', 'researcher', 'manager', 'developer', 'analyst', 'learning', 'machine', 'senior',
    'junior', 'staff', 'lead', 'data', 'software', 'summary', 'experience', 'education', 'skills', 'profile', 'resume',
    'résumé', 'curriculum', 'vitae', 'cv', 'contact', 'technician', 'consultant', 'director', 'head', 'student', 'intern',
    'professor', 'postdoctoral', 'applied', 'publications', 'projects', 'about', 'objective', 'ai', 'ml',
  ],
);
const NAME_PARTICLES = new Set(['van', 'von', 'de', 'da', 'del', 'der', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'ten', 'ter']);
const NAME_TOKEN = /^[\p{Lu}][\p{L}'’]*(?:-[\p{Lu}][\p{L}'’]*)*\.?$/u;

const EMAIL = /([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
const HAS_EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const PHONE_CANDIDATE = /\+?[\d(][\d\s().-]{7,}\d/g;
const URL_LIKE = /https?:\/\/|www\.|\.(?:com|org|net|io|dev|me|ai)\b|linkedin|github/i;
const SEGMENT_SEPARATOR = /(\s*[|·•]\s*|\s+\/\s+|\t+|\s{2,})/;
const ADDRESS_LABEL = /^(\s*(?:address|home address|location|based in|lives in|residence)\s*[:\-–]\s*)(.+)$/i;
const STREET =
  /\b\d{1,5}[A-Za-z]?\s+(?:[\p{Lu}][\p{L}'’.-]*\s+){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Way|Court|Ct\.?|Place|Pl\.?|Terrace|Crescent|Close|Square|Row)(?![\p{L}])/gu;
const PLACE_PART = /^[\p{Lu}][\p{L}'’.-]*(?:\s+[\p{Lu}][\p{L}'’.-]*){0,3}$/u;
/** "Date of birth: 1 May 1990", "DOB 01/05/1990": a label, then a value with a digit. */
const BIRTH_DATE =
  /((?:^|[|·•]\s*)(?:[-*•]\s*)?(?:date of birth|birth\s?date|d\.o\.b\.?|dob)\s*[:\-–]?\s*)([^|·•]*?\d[^|·•]*?)(?=\s*(?:[|·•]|$))/giu;
/** "Born 12 May 1990 in Lisbon", "Born: 1990": only when a date follows, so "born-again" is left alone. */
const BORN =
  /((?:^|[|·•]\s*)(?:[-*•]\s*)?born(?:\s+on|\s+in)?\s*[:\-–]?\s*)((?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s)[^|·•]*?)(?=\s*(?:[|·•]|$))/giu;
const AGE = /((?:^|[|·•]\s*)age\s*[:\-–]\s*)(\d{1,3}\b[^|·•]*?)(?=\s*(?:[|·•]|$))/giu;
/** "Photo: ...", "Photo of ...", "[Headshot: ...]": the caption text after the label. */
const CAPTION = /^(\s*\[?\s*(?:photo(?:graph)?|picture|headshot|portrait)\s*(?:of\s+|[:\-–]\s*))(.*?)(\]?\s*)$/iu;
const BARE_CAPTION = /^\s*\[?\s*(?:photo(?:graph)?|picture|headshot|portrait)\s*\]?\s*$/iu;
const MARKDOWN_IMAGE = /!\[([^\]]*)\]\(([^)]*)\)/g;
const SCHOOL_KEYWORD = '(?:University|College|Institute|Polytechnic|Academy|School|Conservatory)';
const SCHOOL_BEFORE = new RegExp(`((?:[\\p{Lu}][\\p{L}'’-]*\\s+){1,3})(${SCHOOL_KEYWORD})(?![\\p{L}])`, 'gu');
const SCHOOL_AFTER = new RegExp(`(${SCHOOL_KEYWORD}\\s+of\\s+)((?:the\\s+)?[\\p{Lu}][\\p{L}'’-]*(?:\\s+[\\p{Lu}][\\p{L}'’-]*){0,2})`, 'gu');
/** Words that describe a school rather than name it ("State", "Technology" in "Institute of Technology"). */
const SCHOOL_WORDS = new Set(
  [
    'state', 'community', 'technical', 'business', 'polytechnic', 'national', 'royal', 'federal', 'open', 'catholic',
    'metropolitan', 'regional', 'city', 'the', 'technology', 'science', 'sciences', 'engineering', 'management', 'arts',
    'medicine', 'law', 'music', 'design', 'economics', 'education', 'art', 'applied', 'graduate', 'university', 'college',
    'institute', 'school', 'academy', 'and', 'of', 'computer', 'mathematics', 'physics', 'informatics',
  ],
);

const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []) as string[];
}

/** The profile's vocabulary, lower-case words: never substituted by the probe. */
export function profileVocabulary(profile: Profile): Set<string> {
  const words = new Set<string>();
  for (const requirement of profile.requirements) {
    const { terms, synonyms, acronyms, phrases } = requirement.evidence;
    const { exclude, boost } = requirement.context;
    for (const value of [...terms, ...synonyms, ...acronyms, ...phrases, ...exclude, ...boost]) {
      for (const word of wordsOf(value)) words.add(word);
    }
  }
  return words;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Keeps the case shape of what was replaced: "He" → "She", "HER" → "THEIR", "reyes" → "okonkwo". */
export function adaptCase(matched: string, from: string, to: string): string {
  if (matched === from) return to;
  const letters = matched.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return to.toUpperCase();
  if (letters === letters.toLowerCase()) return to.toLowerCase();
  const first = matched.charAt(0);
  if (first === first.toUpperCase()) return to.charAt(0).toUpperCase() + to.slice(1);
  return to;
}

function splitSegments(text: string): string[] {
  return text.split(SEGMENT_SEPARATOR);
}

function isSeparator(segment: string): boolean {
  return SEGMENT_SEPARATOR.test(segment) && segment.trim().replace(/[|·•/]/g, '') === '';
}

function isNameSegment(segment: string): boolean {
  const tokens = segment.trim().split(/\s+/).filter((token) => token !== '');
  if (tokens.length === 0 || tokens.length > 5) return false;
  let named = 0;
  for (const token of tokens) {
    if (NAME_PARTICLES.has(token)) continue;
    if (!NAME_TOKEN.test(token)) return false;
    if (NOT_NAME_WORDS.has(token.toLowerCase().replace(/\.$/, ''))) return false;
    if (token.replace(/[^\p{L}]/gu, '').length >= 2) named += 1;
  }
  return named > 0;
}

function nameTokensOf(segment: string): string[] {
  return segment
    .trim()
    .split(/[\s-]+/)
    .map((token) => token.replace(/\.$/, ''))
    .filter((token) => token.replace(/[^\p{L}]/gu, '').length >= 2 && !NAME_PARTICLES.has(token));
}

/** A phone number has at least nine digits; "2012 - 2016" is a date range, not a phone. */
function hasPhone(text: string): boolean {
  return [...text.matchAll(PHONE_CANDIDATE)].some((match) => (match[0].match(/\d/g) ?? []).length >= 9);
}

function isContactLine(text: string): boolean {
  return HAS_EMAIL.test(text) || hasPhone(text) || ADDRESS_LABEL.test(text);
}

interface FoundName {
  tokens: string[];
  /** Lines that are only the name (one, or two when a narrow column broke it). */
  lines: Line[];
}

/** The person's name: the first line near the top that is only a name, or the first segment of a contact line. */
export function findName(lines: readonly Line[]): FoundName | undefined {
  const top = lines.filter((line) => !line.hidden && line.page === 1).slice(0, 5);
  for (const [index, line] of top.entries()) {
    const segments = splitSegments(line.text).filter((segment) => !isSeparator(segment) && segment.trim() !== '');
    const first = segments[0];
    if (first === undefined || !isNameSegment(first)) continue;
    if (segments.length === 1) {
      const nameLines = [line];
      let tokens = nameTokensOf(first);
      const next = top[index + 1];
      const broken = first.trim().endsWith('-') || first.trim().split(/\s+/).length === 1;
      if (broken && next !== undefined && isNameSegment(next.text) && next.text.trim().split(/\s+/).length <= 3) {
        nameLines.push(next);
        tokens = [...tokens, ...nameTokensOf(next.text)];
      }
      return { tokens, lines: nameLines };
    }
    if (isContactLine(line.text)) return { tokens: nameTokensOf(first), lines: [] };
  }
  return undefined;
}

/** Picks replacements that appear nowhere in the document, so the mapping can be read backwards. */
class Picker {
  private readonly used = new Set<string>();
  constructor(
    private readonly documentWords: ReadonlySet<string>,
    private readonly keepWords: ReadonlySet<string>,
  ) {}

  pick(pool: readonly string[], fallback: string): string {
    for (const candidate of pool) {
      const lower = candidate.toLowerCase();
      if (this.used.has(lower) || this.documentWords.has(lower) || this.keepWords.has(lower)) continue;
      this.used.add(lower);
      return candidate;
    }
    // Every pool word already appears: make one up that cannot.
    let counter = 1;
    while (this.documentWords.has(`${fallback}${'x'.repeat(counter)}`.toLowerCase())) counter += 1;
    const made = `${fallback}${'x'.repeat(counter)}`;
    this.used.add(made.toLowerCase());
    return made;
  }
}

interface WordSubstitution {
  from: string;
  to: string;
  kind: SubstitutionKind;
}

function schoolSubstitutions(lines: readonly Line[], variant: VariantName, picker: Picker, keepWords: ReadonlySet<string>): WordSubstitution[] {
  const found = new Map<string, WordSubstitution>();
  const add = (phrase: string, placeName: string, rebuild: (replacement: string) => string): void => {
    const words = wordsOf(placeName);
    if (words.length === 0 || words.every((word) => SCHOOL_WORDS.has(word)) || words.some((word) => keepWords.has(word))) return;
    if (found.has(phrase.toLowerCase())) return;
    found.set(phrase.toLowerCase(), { from: phrase, to: rebuild(picker.pick(SCHOOL_PLACES[variant], 'Schoolton')), kind: 'school' });
  };
  for (const line of lines) {
    if (line.section !== 'education' || line.hidden) continue;
    for (const match of line.text.matchAll(SCHOOL_AFTER)) {
      const [phrase, prefix = '', place = ''] = match;
      add(phrase, place, (replacement) => `${prefix}${replacement}`);
    }
    for (const match of line.text.matchAll(SCHOOL_BEFORE)) {
      const [, before = '', keyword = ''] = match;
      // Keep describing words at the end ("Millbrook State College" → "<place> State College").
      const words = before.trim().split(/\s+/);
      const describing: string[] = [];
      while (words.length > 0 && SCHOOL_WORDS.has((words[words.length - 1] ?? '').toLowerCase())) describing.unshift(words.pop() ?? '');
      if (words.length === 0) continue;
      const place = words.join(' ');
      const suffix = [...describing, keyword].join(' ');
      add(`${place} ${suffix}`, place, (replacement) => `${replacement} ${suffix}`);
    }
  }
  return [...found.values()];
}

/** One pass over a text with every document-wide substitution (longest first), so no output is rewritten twice. */
function buildMapper(substitutions: readonly WordSubstitution[]): { map: (text: string) => string; kindsIn: (text: string) => SubstitutionKind[] } {
  if (substitutions.length === 0) return { map: (text) => text, kindsIn: () => [] };
  const byKey = new Map(substitutions.map((substitution) => [substitution.from.toLowerCase(), substitution]));
  const alternation = [...byKey.values()]
    .map((substitution) => substitution.from)
    .sort((a, b) => b.length - a.length)
    .map((from) => escapeRegExp(from).replace(/\s+/g, '\\s+'))
    .join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})(?![\\p{L}\\p{N}])`, 'giu');
  const lookup = (matched: string): WordSubstitution | undefined => byKey.get(matched.toLowerCase().replace(/\s+/g, ' '));
  return {
    map: (text) =>
      text.replace(pattern, (matched) => {
        const substitution = lookup(matched);
        return substitution === undefined ? matched : adaptCase(matched, substitution.from, substitution.to);
      }),
    kindsIn: (text) => [...new Set([...text.matchAll(pattern)].flatMap((match) => lookup(match[0])?.kind ?? []))],
  };
}

interface LineRewrite {
  text: string;
  kinds: SubstitutionKind[];
  personal: PersonalLineKind[];
}

export function buildCounterfactual(document: ExtractedDocument, options: CounterfactualOptions): Counterfactual {
  const { variant } = options;
  const keepWords = options.keepWords ?? new Set<string>();
  const documentWords = new Set(document.lines.flatMap((line) => wordsOf(line.text)));
  const picker = new Picker(documentWords, keepWords);

  const name = findName(document.lines);
  const nameTokens = [...new Map((name?.tokens ?? []).map((token) => [token.toLowerCase(), token])).values()].filter(
    (token) => !keepWords.has(token.toLowerCase()),
  );
  const newNameTokens = nameTokens.map((token, index) => picker.pick(index === 0 ? GIVEN_NAMES[variant] : SURNAMES[variant], 'Nameson'));
  const newFullName = newNameTokens.length > 0 ? newNameTokens.join(' ') : (GIVEN_NAMES[variant][0] ?? 'Candidate');
  const newEmailLocal = newNameTokens.length > 0 ? newNameTokens.map((token) => token.toLowerCase()).join('.') : 'candidate';

  const substitutions: WordSubstitution[] = [
    ...nameTokens.map((from, index) => ({ from, to: newNameTokens[index] ?? from, kind: 'name' as const })),
    ...schoolSubstitutions(document.lines, variant, picker, keepWords),
    ...Object.entries(PRONOUNS[variant]).map(([from, to]) => ({ from, to, kind: 'pronoun' as const })),
  ];
  const mapper = buildMapper(substitutions);
  const places = new Map<string, string>();
  const placeFor = (part: string): string => {
    const key = part.toLowerCase();
    let replacement = places.get(key);
    if (replacement === undefined) {
      replacement = picker.pick(PLACES[variant], 'Placeford');
      places.set(key, replacement);
    }
    return replacement;
  };
  const nameWords = new Set(nameTokens.map((token) => token.toLowerCase()));
  // The name line found, plus any other line near the top that repeats the name ("JANE DOE" under a contact bar).
  const nameLineKeys = new Set((name?.lines ?? []).map((line) => `${line.page}:${line.line}`));
  for (const line of document.lines.filter((candidate) => !candidate.hidden && candidate.page === 1).slice(0, 5)) {
    const tokens = nameTokensOf(line.text).map((token) => token.toLowerCase());
    if (isNameSegment(line.text) && tokens.length > 0 && tokens.every((token) => nameWords.has(token))) nameLineKeys.add(`${line.page}:${line.line}`);
  }

  const rewriteAddressSegment = (segment: string): string => {
    if (HAS_EMAIL.test(segment) || hasPhone(segment) || URL_LIKE.test(segment)) return segment;
    const tokens = wordsOf(segment);
    if (tokens.length > 0 && tokens.every((word) => nameWords.has(word) || NAME_PARTICLES.has(word))) return segment;
    const labelled = ADDRESS_LABEL.exec(segment);
    if (labelled) return `${labelled[1] ?? ''}${STREETS[variant]}`;
    const streeted = segment.replace(STREET, STREETS[variant]);
    if (streeted !== segment) return streeted;
    return segment
      .split(/(,\s*)/)
      .map((part) => {
        const bare = part.replace(/\s*\([^)]*\)\s*$/, '');
        const tail = part.slice(bare.length);
        if (!PLACE_PART.test(bare.trim()) || wordsOf(bare).some((word) => keepWords.has(word) || nameWords.has(word))) return part;
        return `${placeFor(bare.trim())}${tail}`;
      })
      .join('');
  };

  const rewrite = (line: Line, index: number): LineRewrite => {
    const kinds: SubstitutionKind[] = [];
    const personal: PersonalLineKind[] = [];
    let text = line.text;
    if (nameLineKeys.has(`${line.page}:${line.line}`)) personal.push('name');

    const emailed = text.replace(EMAIL, (_whole, _local: string, domain: string) => `${newEmailLocal}@${domain}`);
    if (emailed !== text) kinds.push('email');
    text = emailed;

    const nearTop = line.section === 'header' || index < 8;
    if ((nearTop && isContactLine(line.text)) || ADDRESS_LABEL.test(line.text)) {
      let segments = splitSegments(text);
      // "email, phone, City, Country" has no other separator: split on commas instead.
      if (segments.length === 1 && (HAS_EMAIL.test(line.text) || hasPhone(line.text))) segments = text.split(/(,\s*)/);
      const addressed = segments
        .map((segment) => (isSeparator(segment) || /^,\s*$/.test(segment) ? segment : rewriteAddressSegment(segment)))
        .join('');
      if (addressed !== text) {
        kinds.push('address');
        personal.push('address');
      }
      text = addressed;
    }

    const born = text
      .replace(BIRTH_DATE, (_whole, label: string) => `${label}${BIRTH_DATES[variant]}`)
      .replace(BORN, (_whole, label: string) => `${label}${BIRTH_DATES[variant]}`)
      .replace(AGE, (_whole, label: string) => `${label}${AGES[variant]}`);
    if (born !== text) {
      kinds.push('birth-date');
      personal.push('birth-date');
    }
    text = born;

    const caption = CAPTION.exec(text);
    const imaged = caption
      ? `${caption[1] ?? ''}${newFullName}${caption[3] ?? ''}`
      : text.replace(MARKDOWN_IMAGE, () => `![${newFullName}](photo.jpg)`);
    if (imaged !== text || caption || BARE_CAPTION.test(text)) {
      kinds.push('photo-caption');
      personal.push('photo-caption');
    }
    text = imaged;

    kinds.push(...mapper.kindsIn(text));
    text = mapper.map(text);
    return { text, kinds: [...new Set(kinds)], personal };
  };

  const changes: LineChange[] = [];
  const personalLines: PersonalLine[] = [];
  const lines = document.lines.map((line, index) => {
    const rewritten = rewrite(line, index);
    for (const kind of rewritten.personal) personalLines.push({ page: line.page, line: line.line, kind });
    if (rewritten.text === line.text) return line;
    changes.push({ page: line.page, line: line.line, original: line.text, variant: rewritten.text, kinds: rewritten.kinds });
    return { ...line, text: rewritten.text };
  });
  const characters = lines.reduce((sum, line) => sum + (line.hidden ? 0 : line.text.length), 0);
  return {
    variant,
    document: { ...document, lines, characters },
    changes,
    personalLines,
    mapText: mapper.map,
  };
}
