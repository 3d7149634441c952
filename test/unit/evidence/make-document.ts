/** Builds ExtractedDocument objects by hand for tagger tests: synthetic, fictional lines only. */
import type { Evidence, RequirementEvidence } from '../../../src/evidence/evidence.schema';
import { tagEvidence } from '../../../src/evidence/tag-evidence';
import type { ExtractedDocument, Line, Section } from '../../../src/extract/document.schema';
import { defaultProfile } from '../../../src/profile/load-profile';

export interface LineSpec {
  text: string;
  section?: Section;
  heading?: boolean;
  hidden?: boolean;
  page?: number;
}

const HEADINGS: Partial<Record<Section, string>> = {
  summary: 'Summary',
  experience: 'Experience',
  education: 'Education',
  projects: 'Projects',
  publications: 'Publications',
  skills: 'Skills',
  awards: 'Awards',
  other: 'Interests',
};

/** Lines in order; `line` numbers count per page from 1, as the extractors number them. */
export function makeDocument(specs: ReadonlyArray<LineSpec | string>, section: Section = 'experience'): ExtractedDocument {
  const perPage = new Map<number, number>();
  const lines: Line[] = specs.map((spec) => {
    const value = typeof spec === 'string' ? { text: spec } : spec;
    const page = value.page ?? 1;
    const number = (perPage.get(page) ?? 0) + 1;
    perPage.set(page, number);
    return {
      page,
      line: number,
      text: value.text,
      section: value.section ?? section,
      heading: value.heading ?? false,
      hidden: value.hidden ?? false,
    };
  });
  const pageCount = Math.max(1, ...lines.map((line) => line.page));
  const characters = lines.filter((line) => !line.hidden).reduce((sum, line) => sum + line.text.length, 0);
  return { format: 'txt', pageCount, lines, characters, warnings: [] };
}

/** A résumé from sections: header lines first, then each section under its heading line. */
export function makeResume(sections: Partial<Record<Section, string[]>>): ExtractedDocument {
  const specs: LineSpec[] = (sections.header ?? ['Avery Quillon']).map((text) => ({ text, section: 'header' as const }));
  for (const [section, texts] of Object.entries(sections) as Array<[Section, string[]]>) {
    if (section === 'header') continue;
    specs.push({ text: HEADINGS[section] ?? section, section, heading: true });
    specs.push(...texts.map((text) => ({ text, section })));
  }
  return makeDocument(specs);
}

/** One requirement's evidence, failing loudly when the tagger left it out. */
export function requirement(evidence: Evidence, id: string): RequirementEvidence {
  const found = evidence.requirements.find((entry) => entry.requirementId === id);
  if (found === undefined) throw new Error(`no requirement ${id} in the evidence`);
  return found;
}

/** The level the default profile gives requirement `id` for these lines (all in `section`). */
export function levelOf(lines: string[], id: string, section: Section = 'experience'): string {
  return requirement(tagEvidence(makeDocument(lines, section), defaultProfile()), id).level;
}
