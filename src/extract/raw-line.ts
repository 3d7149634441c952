/**
 * A line as an extractor produces it, before normalisation, sections and numbering. Extractors
 * keep one visual line per entry; they never join or reorder lines after this point.
 */
export interface RawLine {
  /** 1-based page the line is on (1 for formats without pages). */
  page: number;
  text: string;
  hidden: boolean;
  hiddenReason?: string;
  /** Where the line came from: body, table, header, footer, column 1/2. */
  origin?: string;
}

/** What each format extractor returns. */
export interface RawExtraction {
  pageCount: number;
  lines: RawLine[];
  warnings: Array<{ code: string; message: string; page?: number }>;
}
