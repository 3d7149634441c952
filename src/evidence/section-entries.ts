/**
 * Evidence items from list entries (publications): one item per entry, quoting its first line.
 * Three or more entries, or a first-author main-track paper at a main venue, is strong; one or
 * two entries otherwise is used.
 */
import type { Line } from '../extract/document.schema';
import type { EvidenceItem, Level } from './evidence.schema';
import { LEVEL_RULES } from './levels';
import type { TermMatch } from './match-terms';
import { MAIN_VENUES, stripMarker, type PublicationEntry } from './publications';

/** Entries from which a list counts as strong on its number alone. */
export const STRONG_ENTRY_COUNT = 3;
const ENTRY_TERM = 'publications list entry';

/** What to highlight in the entry's first line: a matched term, else the venue, else the text after the marker. */
function highlight(line: Line, entry: PublicationEntry, matches: TermMatch[] | undefined): { start: number; end: number; term: string } {
  const first = matches?.[0];
  if (first !== undefined) return { start: first.start, end: first.end, term: first.pattern.term };
  const venue = entry.venue?.replace(/ Workshop$/, '');
  const at = venue === undefined ? -1 : line.text.indexOf(venue);
  if (venue !== undefined && at >= 0) return { start: at, end: at + venue.length, term: ENTRY_TERM };
  const content = stripMarker(line.text).trim();
  const start = line.text.indexOf(content);
  return { start, end: start + content.length, term: ENTRY_TERM };
}

function levelOf(entry: PublicationEntry, count: number): { level: Level; detail: string } {
  const where = [entry.venue, entry.year].filter((part) => part !== undefined).join(' ');
  const of = `Entry ${where === '' ? '' : `(${where}) `}of a list of ${count}`;
  if (count >= STRONG_ENTRY_COUNT) return { level: 'strong', detail: `${of}: ${STRONG_ENTRY_COUNT} or more entries count as strong.` };
  if (entry.mainVenue && entry.firstAuthor) {
    return { level: 'strong', detail: `${of}: a first-author paper at a main venue (${MAIN_VENUES.join(', ')}) counts as strong.` };
  }
  return { level: 'used', detail: `${of}: fewer than ${STRONG_ENTRY_COUNT} entries and no first-author main-venue paper.` };
}

export function publicationItems(entries: readonly PublicationEntry[], matchesOn: (line: Line) => TermMatch[] | undefined): EvidenceItem[] {
  return entries.flatMap((entry) => {
    const line = entry.lines[0];
    if (line === undefined || line.text.trim() === '') return [];
    const { start, end, term } = highlight(line, entry, matchesOn(line));
    const { level, detail } = levelOf(entry, entries.length);
    return [
      {
        page: line.page,
        line: line.line,
        section: line.section,
        quote: line.text,
        matched: line.text.slice(start, end),
        span: [start, end] as [number, number],
        term,
        rule: LEVEL_RULES.publicationEntry.id,
        reason: `${LEVEL_RULES.publicationEntry.reason} ${detail}`,
        level,
      },
    ];
  });
}
