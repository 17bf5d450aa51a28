/** A report's main table: what the page shows and the CSV download contains, cell for cell. */
export interface ReportTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** How many leading columns hold text (the rest are figures, aligned right); 1 by default. */
  textColumns?: number;
}
