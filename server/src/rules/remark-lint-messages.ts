// remark-lint's messages in Chinese. The rules come from upstream with English messages built from a few fixed
// shapes ("Unexpected `3` spaces between list item marker and content, expected `1` space, remove `2` spaces");
// this table reads each rule's shapes and says the same in Chinese, with the same numbers and markers. A message
// whose shape is not in the table (a newer upstream wording) stays in English rather than being guessed at; the
// tests run every rule's own example through the table, so a changed wording shows up there.
import type { Locale } from '../base/i18n';

type Translation = [RegExp, (...groups: string[]) => string];

const TABLE: Record<string, Translation[]> = {
  'remark-lint/final-newline': [
    [/^Unexpected missing final newline character, expected line feed \(`\\n`\) at end of file$/, () => '文件末尾缺少换行符：文件应以换行符（`\\n`）结束'],
  ],
  'remark-lint/list-item-bullet-indent': [
    [/^Unexpected `(\d+)` spaces? before list item, expected `0` spaces, remove them$/, (n) => `列表项前有 \`${n}\` 个空格，应为 \`0\` 个，请删除`],
  ],
  'remark-lint/list-item-indent': [
    [
      /^Unexpected `(\d+)` spaces? between list item marker and content(?: in (loose|tight) list)?, expected `(\d+)` spaces?, (add|remove) `(\d+)` spaces?$/,
      (actual, kind, expected, action, difference) =>
        `${kind ? (kind === 'loose' ? '松散列表中，' : '紧凑列表中，') : ''}列表标记与内容之间有 \`${actual}\` 个空格，应为 \`${expected}\` 个，请${action === 'add' ? '添加' : '删除'} \`${difference}\` 个`,
    ],
  ],
  'remark-lint/no-blockquote-without-marker': [
    [
      /^Unexpected `(\d+)` block quote markers? before paragraph line, expected `(\d+)` markers?, add `(\d+)` markers?$/,
      (actual, expected, difference) => `引用块中的段落行前有 \`${actual}\` 个引用标记（\`>\`），应为 \`${expected}\` 个，请添加 \`${difference}\` 个`,
    ],
  ],
  'remark-lint/ordered-list-marker-style': [
    [/^Unexpected ordered list marker `(.+)`, expected `(.+)`$/, (actual, expected) => `有序列表标记用了 \`${actual}\`，应为 \`${expected}\``],
  ],
  'remark-lint/hard-break-spaces': [
    [/^Unexpected `(\d+)` spaces for hard break, expected `2` spaces$/, (n) => `硬换行用了 \`${n}\` 个空格，应为 \`2\` 个`],
    [/^Unexpected `(\d+)` spaces for hard break, expected escape$/, (n) => `硬换行用了 \`${n}\` 个空格，应改用反斜杠（\`\\\`）换行`],
  ],
  'remark-lint/no-heading-content-indent': [
    [
      /^Unexpected `(\d+)` spaces? between hashes and content, expected `1` space, remove `(\d+)` spaces?$/,
      (actual, remove) => `标题的 \`#\` 与文字之间有 \`${actual}\` 个空格，应为 \`1\` 个，请删除 \`${remove}\` 个`,
    ],
    [
      /^Unexpected `(\d+)` spaces? between content and hashes, expected `1` space, remove `(\d+)` spaces?$/,
      (actual, remove) => `标题文字与结尾的 \`#\` 之间有 \`${actual}\` 个空格，应为 \`1\` 个，请删除 \`${remove}\` 个`,
    ],
  ],
};

/** The rule ids the table covers. */
export const TRANSLATED_REMARK_LINT_RULES: readonly string[] = Object.keys(TABLE);

/** A remark-lint message in the locale: Chinese from the table when its shape is known, else as remark-lint wrote it. */
export function localizeRemarkLintMessage(ruleId: string, message: string, locale: Locale): string {
  if (locale !== 'zh-cn') return message;
  for (const [shape, say] of TABLE[ruleId] ?? []) {
    const match = shape.exec(message);
    if (match) return say(...match.slice(1));
  }
  return message;
}
