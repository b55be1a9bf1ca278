// Typography settings (`typography.*` in the VS Code settings and `.benchpress/config.json`) and the rules of the
// group. The settings object has the same shape as `BenchpressConfig.typography`; it is plain JSON, so it travels
// to the analysis workers and into cache keys.

export interface TypographySettings {
  /** `chinese`: check sections whose prose is Chinese (the default); `all`: every section. */
  applyTo: 'chinese' | 'all';
  /** Number–unit spacing (`24GB` / `24 GB`): the same throughout a draft, always a space, or never. */
  unitSpacing: 'consistent' | 'space' | 'none';
  /** Quotation marks in Chinese text: “…” ‘…’ or 「…」 『…』. */
  quotes: 'curly' | 'corner';
  /** Brackets in Chinese text: full-width （…）, or half-width (…) with spaces outside. */
  brackets: 'fullwidth' | 'halfwidth';
  /** Product and brand names in their official spelling, added to (or overriding) the built-in list. */
  names: string[];
  /** Display width of East Asian Ambiguous characters (“”, …, —, °, Greek) for table alignment: 1 or 2. */
  ambiguousWidth: 1 | 2;
}

export const DEFAULT_TYPOGRAPHY: TypographySettings = {
  applyTo: 'chinese',
  unitSpacing: 'consistent',
  quotes: 'curly',
  brackets: 'fullwidth',
  names: [],
  ambiguousWidth: 1,
};

/** The typography stages, one per rule (bit positions in a hunk's rule mask). */
export enum Stage {
  Spacing = 0,
  ExtraSpaces,
  Punctuation,
  PunctuationSpacing,
  Repeated,
  Ellipsis,
  FullwidthAlnum,
  HeadingPunctuation,
  Brackets,
  Quotes,
  Names,
  NumberSymbols,
  Emphasis,
}

/** Rule id of each stage. */
export const STAGE_RULE_IDS: readonly string[] = [
  'typography/cjk-latin-spacing',
  'typography/extra-spaces',
  'typography/fullwidth-punctuation',
  'typography/punctuation-spacing',
  'typography/repeated-punctuation',
  'typography/ellipsis',
  'typography/fullwidth-alphanumerics',
  'typography/heading-punctuation',
  'typography/brackets',
  'typography/quotes',
  'typography/product-names',
  'typography/number-symbols',
  'typography/emphasis-punctuation',
];

export const UNIT_RULE_ID = 'typography/number-unit-spacing';
export const TABLE_RULE_ID = 'typography/table-alignment';

export interface Message {
  en: string;
  zh: string;
}
