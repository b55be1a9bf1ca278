// Messages in the writer's language. Rules give both texts; the locale picks one.
export type Locale = 'en' | 'zh-cn';
export type Localized = string | { en: string; zh: string };

export function localize(text: Localized, locale: Locale): string {
  return typeof text === 'string' ? text : locale === 'zh-cn' ? text.zh : text.en;
}

/** VS Code and LSP clients send locales like "zh-cn", "zh-CN", "zh-tw", "en-us". */
export function toLocale(value: string | undefined): Locale {
  return value && /^zh/i.test(value) ? 'zh-cn' : 'en';
}

/** Quotation marks that suit the language of the message. */
export const q = (s: string) => `“${s}”`;
