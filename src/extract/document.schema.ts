import { z } from 'zod';

export const FORMATS = ['pdf', 'docx', 'txt', 'md'] as const;
export const FormatSchema = z.enum(FORMATS);
export type Format = z.infer<typeof FormatSchema>;

/** Résumé sections we recognise from headings; `header` is whatever comes before the first heading. */
export const SECTIONS = [
  'header',
  'summary',
  'experience',
  'education',
  'projects',
  'publications',
  'skills',
  'awards',
  'other',
] as const;
export const SectionSchema = z.enum(SECTIONS);
export type Section = z.infer<typeof SectionSchema>;

/**
 * One line of extracted text in reading order. `page` and `line` are 1-based; `line` counts the
 * non-empty extracted lines of its page, hidden ones included, so "page 1, line 12" is the 12th
 * line of the extracted text the report shows (and every page/line pair is unique).
 */
export const LineSchema = z.object({
  page: z.number().int().min(1),
  line: z.number().int().min(1),
  text: z.string(),
  section: SectionSchema,
  /** True when this line is a section heading. */
  heading: z.boolean(),
  /** Text a human reader cannot see (white, tiny, off-page, invisible). Never evidence. */
  hidden: z.boolean(),
  /** Why the line is hidden, when it is (e.g. "white text", "font size 1pt"). */
  hiddenReason: z.string().optional(),
  /** Where it came from inside the file: body, table, header, footer, column 1/2. */
  origin: z.string().optional(),
});
export type Line = z.infer<typeof LineSchema>;

export const WarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  page: z.number().int().min(1).optional(),
});
export type ExtractionWarning = z.infer<typeof WarningSchema>;

/** What every extractor returns: normalised lines with positions, plus facts about the file. */
export const DocumentSchema = z.object({
  format: FormatSchema,
  pageCount: z.number().int().min(0),
  lines: z.array(LineSchema),
  /** Characters of visible text (sum of visible line lengths). */
  characters: z.number().int().min(0),
  warnings: z.array(WarningSchema),
});
export type ExtractedDocument = z.infer<typeof DocumentSchema>;
