// Article templates. A template is written the way an article is written: a Markdown skeleton whose `#` title
// is the title pattern (with `[placeholders]`), whose headings are the sections in order, and whose text under
// a heading is what "insert missing section" puts there. A short block quote right under a heading states what
// a writer should know about the section, one `key: value` per line:
//
//   > aliases: Performance tests, Benchmarks      (other names that count as this section, e.g. English ones)
//   > requires: table, code, image                (what the section must contain)
//   > optional                                    (the section may be left out)
//
// Chinese keys work too (别名 / 需要 / 可选). Under the title, `> title: …` adds another title pattern (for
// example the English one). A contents section (目录 / Contents) may list sections that have no heading of their
// own in the skeleton; they are added in list order, so the seed's templates work verbatim.
import { parse as parseYaml } from 'yaml';
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../markdown/parse';
import { frontMatterLineCount } from '../markdown/chunks';
import { CONTENTS_HEADING_KEYS, KEY_POINTS_HEADING_KEYS, headingKey, headingLabel } from './normalize';
import type { HeadingInfo } from '../markdown/summary';
import type { Localized } from '../base/i18n';

export type Requirement = 'table' | 'code' | 'image';
export type SectionRole = 'toc' | 'keypoints' | 'section';

export interface TemplateSection {
  /** The heading as the skeleton writes it, e.g. "📋 目录" or "3. 性能测试". */
  heading: string;
  /** The name without numbering and emoji, e.g. "性能测试". */
  name: string;
  /** Other names that count as this section. */
  aliases: string[];
  /** Comparison keys of the name and aliases. */
  keys: string[];
  level: number;
  role: SectionRole;
  requires: Requirement[];
  optional: boolean;
  /** Text placed under the heading when the section is inserted. */
  stub: string;
}

export interface Template {
  id: string;
  name: string;
  description: string;
  /** `builtin` or the template file's path. */
  source: string;
  titlePatterns: string[];
  /** Placeholder texts without brackets, e.g. "产品名称", "待补充". */
  placeholders: string[];
  sections: TemplateSection[];
  detectKeywords: string[];
}

export interface TemplateProblem {
  line: number;
  message: Localized;
  severity: 'error' | 'warning';
}

/** Placeholders that mean "not written yet" in any template. */
export const GENERIC_PLACEHOLDERS = ['待补充', '待填写', 'TODO', 'TBD'];


const DIRECTIVE = /^\s*([\p{L}-]+)\s*(?:[:：]\s*(.*))?$/u;
const KEY_ALIASES: Record<string, 'aliases' | 'requires' | 'optional' | 'title' | 'role'> = {
  aliases: 'aliases', alias: 'aliases', also: 'aliases', 别名: 'aliases', 又名: 'aliases',
  requires: 'requires', require: 'requires', needs: 'requires', 需要: 'requires', 必须包含: 'requires', 要求: 'requires',
  optional: 'optional', 可选: 'optional',
  title: 'title', 标题: 'title',
  role: 'role', 类型: 'role',
};
const REQUIREMENT_WORDS: Record<string, Requirement> = {
  table: 'table', tables: 'table', 表格: 'table', 表: 'table',
  code: 'code', 'code block': 'code', 代码: 'code', 代码块: 'code',
  image: 'image', images: 'image', screenshot: 'image', 图片: 'image', 截图: 'image', 图: 'image',
};

const splitList = (value: string) => value.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean);
const lineOf = (node: Nodes | undefined) => (node?.position?.start.line ?? 1) - 1;

/** Reads a skeleton. A template that cannot be used at all comes back as `template: undefined` with problems. */
export function parseTemplate(id: string, text: string, source: string): { template?: Template; problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  if (text.includes('\u0000')) return { problems: [{ line: 0, severity: 'error', message: { en: 'Template file is binary, not Markdown.', zh: '模板文件是二进制文件，不是 Markdown。' } }] };
  const lines = text.split('\n');
  const fmLines = frontMatterLineCount(lines);
  let meta: Record<string, unknown> = {};
  if (fmLines > 0) {
    try {
      const parsed = parseYaml(lines.slice(1, fmLines - 1).join('\n'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) meta = parsed as Record<string, unknown>;
      else if (parsed != null) problems.push({ line: 0, severity: 'warning', message: { en: 'Template front matter should be key: value pairs; ignored.', zh: '模板的 front matter 应为“键: 值”对；未生效。' } });
    } catch (error) {
      const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 1;
      const reason = (error as Error).message.split('\n')[0];
      problems.push({ line, severity: 'warning', message: { en: `Template front matter is not valid YAML (${reason}); ignored.`, zh: `模板的 front matter 不是有效的 YAML（${reason}）；未生效。` } });
    }
  }
  const body = lines.slice(fmLines).join('\n');
  const offsetLines = fmLines;
  let tree: Root;
  try {
    tree = parseMarkdown(body);
  } catch (error) {
    return { problems: [...problems, { line: offsetLines, severity: 'error', message: { en: `Template could not be read: ${(error as Error).message}`, zh: `无法读取模板：${(error as Error).message}` } }] };
  }

  const titlePatterns: string[] = [];
  const sections: TemplateSection[] = [];
  const tocItems: string[] = [];
  let current: TemplateSection | undefined;
  let stubStart = -1;
  const finishStub = (end: number) => {
    if (current && stubStart >= 0) current.stub = body.slice(stubStart, end).trim();
    stubStart = -1;
  };

  const children = tree.children;
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (node.type === 'heading') {
      finishStub(node.position?.start.offset ?? body.length);
      const text = toString(node).trim();
      if (node.depth === 1) {
        if (titlePatterns.length > 0) problems.push({ line: lineOf(node) + offsetLines, severity: 'warning', message: { en: 'A template has one title (#); this one is ignored.', zh: '模板只能有一个标题（#）；这个未生效。' } });
        else titlePatterns.push(text);
        current = undefined;
        const next = children[i + 1];
        if (next?.type === 'blockquote') {
          for (const [key, value, line] of directives(next, body)) {
            if (key === 'title' && value) titlePatterns.push(value);
            else problems.push({ line: line + offsetLines, severity: 'warning', message: { en: `Unknown line under the title: "${key}". Use "> title: …" for another title pattern.`, zh: `标题下有未知的一行：“${key}”。另一种标题格式请写成 "> title: …"。` } });
          }
          i++;
        }
        continue;
      }
      const name = headingLabel(text);
      const key = headingKey(text);
      current = {
        heading: text,
        name,
        aliases: [],
        keys: [key],
        level: node.depth,
        role: CONTENTS_HEADING_KEYS.has(key) ? 'toc' : KEY_POINTS_HEADING_KEYS.has(key) ? 'keypoints' : 'section',
        requires: [],
        optional: false,
        stub: '',
      };
      if (!key) problems.push({ line: lineOf(node) + offsetLines, severity: 'warning', message: { en: 'Empty heading in template; ignored.', zh: '模板中有空标题；未生效。' } });
      else if (sections.some((s) => s.keys.includes(key))) problems.push({ line: lineOf(node) + offsetLines, severity: 'warning', message: { en: `Section "${name}" appears twice in the template; the second is ignored.`, zh: `章节“${name}”在模板中出现了两次；第二次未生效。` } });
      else sections.push(current);
      const next = children[i + 1];
      if (next?.type === 'blockquote' && isDirectiveBlock(next, body)) {
        for (const [directive, value, line] of directives(next, body)) applyDirective(current, directive, value, line + offsetLines, problems);
        i++;
      }
      stubStart = children[i + 1]?.position?.start.offset ?? -1;
      continue;
    }
    if (current?.role === 'toc' && node.type === 'list') {
      for (const item of node.children) tocItems.push(toString(item.children[0] ?? item).trim());
      stubStart = -1;
    }
  }
  finishStub(body.length);

  // Contents entries with no heading of their own become sections, in list order.
  const tocLevel = sections.find((s) => s.role === 'toc')?.level ?? 2;
  for (const item of tocItems) {
    const key = headingKey(item);
    if (key && !sections.some((s) => s.keys.includes(key))) {
      sections.push({ heading: item, name: headingLabel(item), aliases: [], keys: [key], level: tocLevel, role: 'section', requires: [], optional: false, stub: '' });
    }
  }

  if (sections.length === 0) problems.push({ line: offsetLines, severity: 'error', message: { en: 'Template has no sections: add a "## " heading for each section, in order.', zh: '模板没有章节：请按顺序为每个章节写一个 "## " 标题。' } });
  const placeholders = new Set<string>();
  for (const pattern of titlePatterns) for (const m of pattern.matchAll(/\[([^\]]+)\]/g)) placeholders.add(m[1]);
  for (const s of sections) for (const m of s.stub.matchAll(/\[([^\]\n]{1,40})\](?![(:[])/g)) placeholders.add(m[1]);
  for (const p of GENERIC_PLACEHOLDERS) placeholders.add(p);

  const detect = meta.detect;
  const template: Template = {
    id,
    name: typeof meta.name === 'string' ? meta.name : id,
    description: typeof meta.description === 'string' ? meta.description : '',
    source,
    titlePatterns,
    placeholders: [...placeholders],
    sections,
    detectKeywords: typeof detect === 'string' ? splitList(detect) : Array.isArray(detect) ? detect.map(String) : [],
  };
  return { template: sections.length > 0 ? template : undefined, problems };
}

function blockquoteLines(node: Nodes, body: string): { text: string; line: number }[] {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? 0;
  const first = lineOf(node);
  return body.slice(start, end).split('\n').map((raw, i) => ({ text: raw.replace(/^\s*>\s?/, '').trim(), line: first + i }));
}

function isDirectiveBlock(node: Nodes, body: string): boolean {
  const lines = blockquoteLines(node, body).filter((l) => l.text);
  return lines.length > 0 && lines.every((l) => {
    const m = DIRECTIVE.exec(l.text);
    return !!m && KEY_ALIASES[m[1].toLowerCase()] !== undefined;
  });
}

function directives(node: Nodes, body: string): [string, string, number][] {
  const out: [string, string, number][] = [];
  for (const { text, line } of blockquoteLines(node, body)) {
    if (!text) continue;
    const m = DIRECTIVE.exec(text);
    const key = m ? KEY_ALIASES[m[1].toLowerCase()] ?? m[1] : text;
    out.push([key, m?.[2]?.trim() ?? '', line]);
  }
  return out;
}

function applyDirective(section: TemplateSection, key: string, value: string, line: number, problems: TemplateProblem[]): void {
  switch (key) {
    case 'aliases':
      for (const alias of splitList(value)) {
        section.aliases.push(alias);
        const k = headingKey(alias);
        if (k && !section.keys.includes(k)) section.keys.push(k);
        if (CONTENTS_HEADING_KEYS.has(k) && section.role === 'section') section.role = 'toc';
        if (KEY_POINTS_HEADING_KEYS.has(k) && section.role === 'section') section.role = 'keypoints';
      }
      break;
    case 'requires':
      for (const word of splitList(value)) {
        const requirement = REQUIREMENT_WORDS[word.toLowerCase()];
        if (requirement) { if (!section.requires.includes(requirement)) section.requires.push(requirement); }
        else problems.push({ line, severity: 'warning', message: { en: `Unknown requirement "${word}" for section "${section.name}": use table, code or image.`, zh: `章节“${section.name}”的要求“${word}”未知：请用 table、code 或 image。` } });
      }
      break;
    case 'optional':
      section.optional = value === '' || /^(true|yes|是)$/i.test(value);
      break;
    case 'role':
      if (/^(toc|contents|目录)$/i.test(value)) section.role = 'toc';
      else if (/^(keypoints|key points|要点|核心要点)$/i.test(value)) section.role = 'keypoints';
      else problems.push({ line, severity: 'warning', message: { en: `Unknown role "${value}": use toc or keypoints.`, zh: `未知的角色“${value}”：请用 toc 或 keypoints。` } });
      break;
    default:
      problems.push({ line, severity: 'warning', message: { en: `Unknown template directive "${key}": use aliases, requires or optional.`, zh: `未知的模板指令“${key}”：请用 aliases、requires 或 optional。` } });
  }
}

/** The English name of a section, for drafts written in English. */
export function englishName(section: TemplateSection): string {
  if (!/[\p{Script=Han}]/u.test(section.name)) return section.name;
  return section.aliases.find((a) => !/[\p{Script=Han}]/u.test(a)) ?? section.name;
}

export interface ResolvedTemplate {
  template: Template;
  /** How the template was chosen. */
  reason: 'front-matter' | 'setting' | 'detected';
  title?: HeadingInfo;
  /** Template sections found in the draft, in document order. */
  found: { section: TemplateSection; index: number; heading: HeadingInfo }[];
  missing: { section: TemplateSection; index: number }[];
}
