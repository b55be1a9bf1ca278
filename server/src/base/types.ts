// The vocabulary every part of the core speaks: positions, edits, findings and fixes.
// Positions are 0-based lines and UTF-16 columns, as in LSP and VS Code; the CLI adds 1 when printing.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
/** The most serious severity among some findings; 'none' when there are none. */
export type WorstSeverity = Severity | 'none';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A change that resolves a finding. `safe` fixes are applied by "fix all" and `lint --fix`. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  safe: boolean;
  /** The edit text uses snippet syntax ($1, ${1:placeholder}) where the editor supports it. */
  snippet?: boolean;
  preferred?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  /** Extra detail for hovers and code actions; plain JSON. */
  data?: Record<string, unknown>;
}
