// A new draft from a template: front matter, the title with the writer's subject in place of the placeholder,
// and every section in order (contents list filled in), in Chinese or English. Stubs keep their `[待补充]` /
// `[TODO]` placeholders on purpose: the Problems panel then lists what is left to write.
import { englishName, type Template } from './template';
import { headingLabel } from './normalize';
import { sectionTitle } from './edits';

export interface NewArticleOptions {
  /** Replaces the title pattern's first placeholder (product or topic). */
  subject: string;
  lang: 'zh-cn' | 'en';
  /** YYYY-MM-DD for front matter `date`. */
  date: string;
}

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

/** The title pattern for the language: the first pattern written in it, else the first one. */
function titlePattern(template: Template, lang: 'zh-cn' | 'en'): string {
  return template.titlePatterns.find((p) => hasHan(p.replace(/\[[^\]]*\]/g, '')) === (lang === 'zh-cn')) ?? template.titlePatterns[0] ?? '[Title]';
}

export function newArticle(template: Template, options: NewArticleOptions): string {
  const { lang, subject, date } = options;
  let first = true;
  const title = titlePattern(template, lang).replace(/\[[^\]]*\]/g, (m) => {
    if (!first) return m;
    first = false;
    return subject.trim() || m;
  });
  const body = template.sections.filter((s) => s.role === 'section');
  let number = 0;
  const heading = (s: (typeof template.sections)[number]) => {
    if (s.role !== 'section') return sectionTitle(s, lang);
    number++;
    return `${number}. ${lang === 'zh-cn' ? s.name : englishName(s)}`;
  };
  const parts = ['---', `template: ${template.id}`, `date: ${date}`, '---', '', `# ${title}`, ''];
  for (const section of template.sections) {
    parts.push(`${'#'.repeat(section.level)} ${heading(section)}`, '');
    if (section.role === 'toc') {
      body.forEach((s, i) => parts.push(`${i + 1}. ${lang === 'zh-cn' ? headingLabel(s.name) : englishName(s)}`));
      parts.push('');
    } else if (lang === 'zh-cn' || !hasHan(section.stub)) {
      parts.push(section.stub || (lang === 'zh-cn' ? '[待补充]' : '[TODO]'), '');
    } else {
      parts.push(`[TODO] ${englishName(section)}.`, '');
    }
  }
  return parts.join('\n');
}

/** A file name for the new draft: the subject in kebab case (Chinese kept), or the template id. */
export function articleFileName(subject: string, template: Template): string {
  const base = subject.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${base || template.id}-${template.id}.md`;
}
