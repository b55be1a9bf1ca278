// Guards: what the engine reports instead of checking when input would make a check crash or stall.
// Each guard is listed as a rule so it has documentation, appears in SARIF and can be turned down.
import type { EngineRule } from './types';
import { localize, type Locale } from '../base/i18n';
import type { Finding, Range, Severity } from '../base/types';

const guard = (id: string, summary: string, rationale: string, bad: string, defaultSeverity: EngineRule['defaultSeverity'] = 'warning'): EngineRule => ({
  id,
  scope: 'engine',
  defaultSeverity,
  docs: { summary, rationale, bad, good: '# A normal draft\n\nText.\n' },
});

export const GUARD_RULES: EngineRule[] = [
  guard('guard/binary', 'The file contains NUL bytes, so it is binary data rather than Markdown; it is not checked.', 'Checking binary data as Markdown gives nonsense findings and can be slow.', 'A file with a \\u0000 byte.', 'error'),
  guard('guard/file-too-large', 'The file is larger than `maxFileSizeKB`; it is not checked.', 'Very large files would make checking while typing slow; raise the limit if you really write such drafts.', 'A 10 MB Markdown file.'),
  guard('guard/invalid-utf8', 'The file is not valid UTF-8; it is checked as decoded with replacement characters, and `--fix` leaves it alone.', 'Writing the file back would destroy the bytes that are not UTF-8.', 'A file saved in GBK.'),
  guard('guard/line-too-long', 'A line is longer than the limit; the section holding it is not checked.', 'Single lines of hundreds of thousands of characters make Markdown parsing slow.', 'A 200,000-character line.'),
  guard('guard/nesting-too-deep', 'Block quotes or lists nest deeper than the limit; the section holding them is not checked.', 'Very deep nesting can overflow the parser\'s stack.', '> > > > … (thousands of levels)'),
  guard('guard/timeout', 'Checking a section (or one rule on it) took longer than `checkTimeoutMs`; it was stopped and that part is not checked.', 'Some Markdown constructs make parsers take minutes; the editor must stay responsive.', 'A section of 100,000 nested brackets.'),
  guard('guard/check-failed', 'Checking a section failed; the message says why.', 'A failure in one section must not hide the findings of the others or crash the server.', 'Input that a rule cannot handle.', 'error'),
  guard('frontmatter/invalid', 'The YAML front matter cannot be read.', 'The template, date and title in front matter are used by other checks and by publishing tools.', '---\ntemplate: [review\n---\n', 'error'),
  guard('mdx/parse-error', 'An MDX file has a syntax error (JSX, imports, expressions).', 'An MDX file that does not parse will not build.', 'import x from "y"\n\n<Tabs>\n', 'error'),
];

/** What each guard says, with the figures it is given. */
const GUARD_MESSAGES = {
  'line-too-long': (p) => ({ en: `This line has ${p.length} characters, more than the limit of ${p.limit}; its section is not checked.`, zh: `此行有 ${p.length} 个字符，超过上限 ${p.limit}；所在小节未检查。` }),
  'nesting-too-deep': (p) => ({ en: `Block quotes or lists nest ${p.depth} levels deep, more than the limit of ${p.limit}; this section is not checked.`, zh: `引用或列表嵌套 ${p.depth} 层，超过上限 ${p.limit}；所在小节未检查。` }),
  'too-complex': () => ({ en: 'This section is too deeply nested to check.', zh: '此小节结构过于复杂（嵌套过深），无法检查。' }),
  failed: (p) => ({ en: `Checking this section failed: ${p.reason}`, zh: `此小节检查失败：${p.reason}` }),
  'rule-failed': (p) => ({ en: `Rule ${p.rule} failed: ${p.reason}`, zh: `规则 ${p.rule} 检查失败：${p.reason}` }),
  'unreadable': (p) => ({ en: `Cannot read the file: ${p.reason}.`, zh: `无法读取文件：${p.reason}。` }),
  'unreadable-folder': (p) => ({ en: `Cannot read this folder: ${p.reason}; the drafts in it are not checked.`, zh: `无法读取此文件夹：${p.reason}；其中的文稿未检查。` }),
  'rule-timeout': (p) => ({ en: `Rule ${p.rule} took longer than ${p.ms} ms and was stopped; its findings here are missing (see checkTimeoutMs).`, zh: `规则 ${p.rule} 运行超过 ${p.ms} ms，已停止；此处缺少它的检查结果（可调整 checkTimeoutMs）。` }),
  timeout: (p) => ({ en: `Checking this section took longer than ${p.ms} ms and was stopped; it is not checked (see checkTimeoutMs).`, zh: `检查此小节超过 ${p.ms} ms，已停止；此小节未检查（可调整 checkTimeoutMs）。` }),
  binary: () => ({ en: 'The file contains NUL bytes: it is binary data, not Markdown, and is not checked.', zh: '文件包含 NUL 字节，是二进制数据而非 Markdown；未检查。' }),
  'too-large': (p) => ({ en: `The file is ${p.size} KB, larger than maxFileSizeKB (${p.limit} KB); it is not checked.`, zh: `文件大小 ${p.size} KB，超过 maxFileSizeKB（${p.limit} KB）；未检查。` }),
  'invalid-utf8': (p) => ({ en: `The file is not valid UTF-8 (from line ${p.line}); it is checked with replacement characters and --fix leaves it alone.`, zh: `文件不是有效的 UTF-8（第 ${p.line} 行起）；按替换字符检查，--fix 不会改写它。` }),
} satisfies Record<string, (p: Record<string, string | number>) => { en: string; zh: string }>;

export type GuardKind = keyof typeof GUARD_MESSAGES;

export function guardMessage(kind: GuardKind, locale: Locale, params: Record<string, string | number>): string {
  return localize(GUARD_MESSAGES[kind](params), locale);
}

const GUARD_RULE_OF: Record<GuardKind, string> = {
  'line-too-long': 'guard/line-too-long',
  'nesting-too-deep': 'guard/nesting-too-deep',
  'too-complex': 'guard/check-failed',
  failed: 'guard/check-failed',
  'rule-failed': 'guard/check-failed',
  unreadable: 'guard/check-failed',
  'unreadable-folder': 'guard/check-failed',
  timeout: 'guard/timeout',
  'rule-timeout': 'guard/timeout',
  binary: 'guard/binary',
  'too-large': 'guard/file-too-large',
  'invalid-utf8': 'guard/invalid-utf8',
};

const DEFAULT_SEVERITY = new Map(GUARD_RULES.map((r) => [r.id, r.defaultSeverity]));

/**
 * The one way a guard finding is made: its rule, its message in the writer's language, at `range` (the file's
 * start by default). The severity is the rule's default (or `severity` for a softer case); a workspace's `rules`
 * setting can still change it or turn it off, which the engine applies to every finding of an engine rule.
 */
export function guardFinding(kind: GuardKind, locale: Locale, params: Record<string, string | number> = {}, range: Range = START, severity?: Severity): Finding {
  const ruleId = GUARD_RULE_OF[kind];
  return { ruleId, severity: severity ?? DEFAULT_SEVERITY.get(ruleId) ?? 'warning', message: guardMessage(kind, locale, params), range };
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
