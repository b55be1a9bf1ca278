// Every rule Benchpress knows. To add a rule: write its module (id, docs, check) and list it here.
import type { ChunkRule, Rule } from './types';
import { GUARD_RULES } from './guards';
import { REMARK_LINT_RULES } from './remark-lint';
import { noLiteralUrls } from './no-literal-urls';
import { noShortcutReferenceImage } from './references/no-shortcut-reference-image';
import { noShortcutReferenceLink } from './references/no-shortcut-reference-link';
import { undefinedReference } from './links/undefined-reference';
import { unusedDefinition } from './links/unused-definition';
import { duplicateDefinition } from './links/duplicate-definition';
import { missingAnchor } from './links/missing-anchor';
import { missingFile } from './links/missing-file';
import { brokenUrl, redirect } from './links/broken-url';
import { titleMissingTopic } from './heat/title-missing-topic';
import { pricingStale } from './pricing/stale';
import { unknownToken } from './specs/unknown-token';
import { specsMismatch } from './specs/mismatch';
import { missingSection } from './template/missing-section';
import { sectionOrder } from './template/section-order';
import { emptySection } from './template/empty-section';
import { tocMismatch } from './template/toc-mismatch';
import { placeholder } from './template/placeholder';
import { title } from './template/title';
import { requiresCode, requiresImage, requiresTable } from './template/requires';
import { unknownTemplate } from './template/unknown';
import { unmatched } from './template/unmatched';
import { configInvalid } from './config/invalid';
import { heatTable } from './heat/table';
import { cjkLatinSpacing } from './typography/cjk-latin-spacing';
import { extraSpaces } from './typography/extra-spaces';
import { fullwidthPunctuation } from './typography/fullwidth-punctuation';
import { punctuationSpacing } from './typography/punctuation-spacing';
import { repeatedPunctuation } from './typography/repeated-punctuation';
import { ellipsis } from './typography/ellipsis';
import { fullwidthAlphanumerics } from './typography/fullwidth-alphanumerics';
import { headingPunctuation } from './typography/heading-punctuation';
import { brackets } from './typography/brackets';
import { quotes } from './typography/quotes';
import { productNames } from './typography/product-names';
import { numberSymbols } from './typography/number-symbols';
import { numberUnitSpacing } from './typography/number-unit-spacing';
import { emphasisPunctuation } from './typography/emphasis-punctuation';
import { tableAlignment } from './typography/table-alignment';
import { unknownRuleInComment } from './suppression/unknown-rule';

export const RULES: readonly Rule[] = [
  unknownTemplate,
  missingSection,
  sectionOrder,
  emptySection,
  tocMismatch,
  placeholder,
  title,
  requiresTable,
  requiresCode,
  requiresImage,
  unmatched,
  undefinedReference,
  unusedDefinition,
  duplicateDefinition,
  missingAnchor,
  missingFile,
  brokenUrl,
  redirect,
  titleMissingTopic,
  heatTable,
  pricingStale,
  unknownToken,
  specsMismatch,
  ...REMARK_LINT_RULES,
  noShortcutReferenceImage,
  noShortcutReferenceLink,
  noLiteralUrls,
  cjkLatinSpacing,
  extraSpaces,
  fullwidthPunctuation,
  punctuationSpacing,
  repeatedPunctuation,
  ellipsis,
  fullwidthAlphanumerics,
  headingPunctuation,
  brackets,
  quotes,
  productNames,
  numberSymbols,
  numberUnitSpacing,
  emphasisPunctuation,
  tableAlignment,
  ...GUARD_RULES,
  configInvalid,
  unknownRuleInComment,
];

const byId = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export function chunkRule(id: string): ChunkRule | undefined {
  const rule = byId.get(id);
  return rule?.scope === 'chunk' ? rule : undefined;
}

/** Whether `id` names a rule or a group of rules (`typography`, `links/`, `remark-lint`). */
export function isKnownRuleOrGroup(id: string): boolean {
  const prefix = id.endsWith('/') ? id : `${id}/`;
  return byId.has(id) || RULES.some((r) => r.id.startsWith(prefix));
}
