// Messages in the writer's language. Rules give both texts; the locale picks one.
import type { ScriptCounts } from './text';

export type Locale = 'en' | 'zh-cn';
export type Localized = string | { en: string; zh: string };

export function localize(text: Localized, locale: Locale): string {
  return typeof text === 'string' ? text : locale === 'zh-cn' ? text.zh : text.en;
}

/** A message in both languages with a localized part (a reason, a list) put into each. */
export function withPart(part: Localized, en: (text: string) => string, zh: (text: string) => string): Localized {
  return { en: en(localize(part, 'en')), zh: zh(localize(part, 'zh-cn')) };
}

/** VS Code and LSP clients send locales like "zh-cn", "zh-CN", "zh-tw", "en-us". */
export function toLocale(value: string | undefined): Locale {
  return value && /^zh/i.test(value) ? 'zh-cn' : 'en';
}

/** Quotation marks that suit the language of the message. */
export const q = (s: string) => `“${s}”`;

/**
 * The language of a draft's text: Chinese when Han characters make up a fair share of its letters (a Han
 * character carries about as much as a short English word). Callers pass prose with code already left out.
 */
export function languageOfText(text: string): Locale {
  const { han, latin } = letterCounts(text.length > 20000 ? text.slice(0, 20000) : text);
  return languageOfCounts(han, latin);
}

export function languageOfCounts(han: number, latin: number): Locale {
  return han > 0 && han * 4 >= latin ? 'zh-cn' : 'en';
}

/** Han characters and Latin letters in a text, counted by what is left once everything else is removed. */
export function letterCounts(text: string): ScriptCounts {
  const hanOnly = text.replace(NOT_HAN, '');
  let han = hanOnly.length;
  // A Han character beyond the Basic Multilingual Plane is two code units: count it once.
  for (let i = 0; i < hanOnly.length; i++) if (hanOnly.charCodeAt(i) >= 0xdc00 && hanOnly.charCodeAt(i) <= 0xdfff) han--;
  return { han, latin: text.replace(NOT_LATIN, '').length };
}

const NOT_HAN = /\P{Script=Han}+/gu;
const NOT_LATIN = /[^A-Za-z]+/g;
