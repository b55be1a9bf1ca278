// Typography settings (`typography.*` in the VS Code settings and `.benchpress/config.json`, defined with the
// other settings in config/) and the rules of the group. The settings object is plain JSON, so it travels to the
// analysis workers and into cache keys.
import { DEFAULT_TYPOGRAPHY_CONFIG, type TypographyConfig } from '../config/typography';

export type TypographySettings = TypographyConfig;

export const DEFAULT_TYPOGRAPHY: TypographySettings = DEFAULT_TYPOGRAPHY_CONFIG;

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
