// The typography settings' shape and defaults, apart from the rest of config/ so that the analysis workers
// (which run the typography rules) do not bundle the settings reader.

/** Chinese–English typography: `typography.*` in the settings, read by the `typography/…` rules. */
export interface TypographyConfig {
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

export const DEFAULT_TYPOGRAPHY_CONFIG: TypographyConfig = {
  applyTo: 'chinese',
  unitSpacing: 'consistent',
  quotes: 'curly',
  brackets: 'fullwidth',
  names: [],
  ambiguousWidth: 1,
};
