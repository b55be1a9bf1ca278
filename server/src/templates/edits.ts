// Text that template fixes insert: a missing section (heading at the right place and level, numbered like the
// draft, with the template's stub).
import type { DocumentView } from '../markdown/document-view';
import { sectionOf } from '../markdown/document-view';
import type { TextEdit } from '../base/types';
import { englishName, type ResolvedTemplate, type TemplateSection } from './template';
import { numberingOf } from './normalize';
import { contentsEntries, contentsList } from './contents';

const LEADING_EMOJI = /^[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+\s*/u;

/** The heading text for a section in the draft's language, e.g. "📋 目录", "Troubleshooting". */
export function sectionTitle(section: TemplateSection, language: 'zh-cn' | 'en'): string {
  const emoji = LEADING_EMOJI.exec(section.heading)?.[0] ?? '';
  return language === 'zh-cn' ? `${emoji}${section.name}` : `${emoji}${englishName(section)}`;
}

/** An edit inserting the template section `missingIndex` where the template order puts it. */
export function insertSectionEdit(doc: DocumentView, resolved: ResolvedTemplate, missingIndex: number): TextEdit {
  const section = resolved.template.sections[missingIndex];
  const eol = doc.eol;
  const before = resolved.found.filter((f) => f.index < missingIndex).sort((a, b) => b.index - a.index)[0];
  const after = resolved.found.filter((f) => f.index > missingIndex).sort((a, b) => a.index - b.index)[0];
  let offset: number;
  if (before) offset = sectionOf(doc, before.heading).end;
  else if (after) offset = after.heading.start;
  else if (doc.title) offset = sectionOf(doc, doc.title).end === doc.text.length ? doc.text.length : firstLineAfter(doc, doc.title.end);
  else offset = doc.frontMatter ? doc.frontMatter.span.end : 0;
  // The level and numbering the draft uses for its sections.
  const sample = before?.heading ?? after?.heading;
  const level = sample?.level ?? section.level;
  let numbering = '';
  const prevNumber = before && numberingOf(before.heading.text);
  if (prevNumber) numbering = prevNumber.format(prevNumber.value + 1);
  else if (after && numberingOf(after.heading.text)) {
    const next = numberingOf(after.heading.text)!;
    numbering = next.value > 1 ? next.format(next.value - 1) : '';
  }
  const title = sectionTitle(section, doc.language);
  const emoji = LEADING_EMOJI.exec(title)?.[0] ?? '';
  const headingText = numbering && section.role === 'section' ? `${numbering}${title.slice(emoji.length)}` : title;
  let body: string;
  if (section.role === 'toc') body = contentsList(doc, contentsEntries(doc, resolved, level));
  else if (doc.language === 'zh-cn' || !/[\p{Script=Han}]/u.test(section.stub)) body = section.stub || (doc.language === 'zh-cn' ? '[待补充]' : '[TODO]');
  else body = `[TODO] ${englishName(section)}.`;
  body = body.split(/\r?\n/).join(eol);
  const atEnd = offset >= doc.text.length;
  const textBefore = doc.text.slice(0, offset);
  const lead = atEnd ? (textBefore.endsWith(eol + eol) || textBefore === '' ? '' : textBefore.endsWith(eol) ? eol : eol + eol) : '';
  const block = `${'#'.repeat(level)} ${headingText}${eol}${eol}${body}${eol}`;
  const position = doc.lines.positionAt(offset);
  return { range: { start: position, end: position }, newText: atEnd ? lead + block : block + eol };
}

function firstLineAfter(doc: DocumentView, offset: number): number {
  const next = doc.text.indexOf('\n', offset);
  if (next === -1) return doc.text.length;
  // Skip blank lines after the title so the section goes before the first content.
  return next + 1;
}
