// Guards: what the engine reports instead of checking when input would make a check crash or stall.
// Each guard is listed as a rule so it has documentation, appears in SARIF and can be turned down.
import type { EngineRule } from './types';
import type { Locale } from '../base/i18n';

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
  guard('guard/timeout', 'Checking a section took longer than `checkTimeoutMs`; it was stopped and is not checked.', 'Some Markdown constructs make parsers take minutes; the editor must stay responsive.', 'A section of 100,000 nested brackets.'),
  guard('guard/check-failed', 'Checking a section failed; the message says why.', 'A failure in one section must not hide the findings of the others or crash the server.', 'Input that a rule cannot handle.', 'error'),
  guard('frontmatter/invalid', 'The YAML front matter cannot be read.', 'The template, date and title in front matter are used by other checks and by publishing tools.', '---\ntemplate: [review\n---\n', 'error'),
  guard('mdx/parse-error', 'An MDX file has a syntax error (JSX, imports, expressions).', 'An MDX file that does not parse will not build.', 'import x from "y"\n\n<Tabs>\n', 'error'),
];

type GuardKind = 'line-too-long' | 'nesting-too-deep' | 'too-complex' | 'failed' | 'rule-failed' | 'timeout' | 'binary' | 'too-large' | 'invalid-utf8';

export function guardMessage(kind: GuardKind, locale: Locale, p: Record<string, string | number>): string {
  const zh = locale === 'zh-cn';
  switch (kind) {
    case 'line-too-long':
      return zh ? `此行有 ${p.length} 个字符，超过上限 ${p.limit}；所在小节未检查。` : `This line has ${p.length} characters, more than the limit of ${p.limit}; its section is not checked.`;
    case 'nesting-too-deep':
      return zh ? `引用或列表嵌套 ${p.depth} 层，超过上限 ${p.limit}；所在小节未检查。` : `Block quotes or lists nest ${p.depth} levels deep, more than the limit of ${p.limit}; this section is not checked.`;
    case 'too-complex':
      return zh ? '此小节结构过于复杂（嵌套过深），无法检查。' : 'This section is too deeply nested to check.';
    case 'failed':
      return zh ? `此小节检查失败：${p.reason}` : `Checking this section failed: ${p.reason}`;
    case 'rule-failed':
      return zh ? `规则 ${p.rule} 检查失败：${p.reason}` : `Rule ${p.rule} failed: ${p.reason}`;
    case 'timeout':
      return zh ? `检查此小节超过 ${p.ms} ms，已停止；此小节未检查（可调整 checkTimeoutMs）。` : `Checking this section took longer than ${p.ms} ms and was stopped; it is not checked (see checkTimeoutMs).`;
    case 'binary':
      return zh ? '文件包含 NUL 字节，是二进制数据而非 Markdown；未检查。' : 'The file contains NUL bytes: it is binary data, not Markdown, and is not checked.';
    case 'too-large':
      return zh ? `文件大小 ${p.size} KB，超过 maxFileSizeKB（${p.limit} KB）；未检查。` : `The file is ${p.size} KB, larger than maxFileSizeKB (${p.limit} KB); it is not checked.`;
    case 'invalid-utf8':
      return zh ? `文件不是有效的 UTF-8（第 ${p.line} 行起）；按替换字符检查，--fix 不会改写它。` : `The file is not valid UTF-8 (from line ${p.line}); it is checked with replacement characters and --fix leaves it alone.`;
  }
}
