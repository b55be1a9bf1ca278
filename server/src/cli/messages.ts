// The CLI's own words (summaries, notes, errors) in English and Simplified Chinese. Usage texts stay English;
// what a user meets while working (a summary, a note, an error) follows `--lang` or the config's `"language"`.
import { UsageError } from '../base/errors';
import { localize, type Locale, type Localized } from '../base/i18n';

/** A usage error with both texts: the front end prints the one in the message language. */
export class CliUsageError extends UsageError {
  constructor(readonly text: Localized) {
    super(typeof text === 'string' ? text : text.en);
  }
}

/** The message of an error in the given language (a plain UsageError from lower layers stays as it is). */
export function errorText(error: Error, locale: Locale): string {
  return error instanceof CliUsageError ? localize(error.text, locale) : error.message;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const MSG = {
  // Arguments
  unknownOption: (arg: string): Localized => ({ en: `Unknown option ${arg}.`, zh: `未知选项 ${arg}。` }),
  needsValue: (name: string): Localized => ({ en: `--${name} needs a value.`, zh: `--${name} 需要一个值。` }),
  takesNoValue: (name: string): Localized => ({ en: `--${name} takes no value.`, zh: `--${name} 不带值。` }),
  badChoice: (name: string, value: string, choices: readonly string[]): Localized => ({
    en: `Unknown --${name} "${value}": use ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}.`,
    zh: `无效的 --${name} “${value}”：可用 ${choices.join('、')}。`,
  }),
  unknownRule: (id: string): Localized => ({
    en: `Unknown rule or rule group "${id}" in --rules (see "benchpress rules").`,
    zh: `--rules 中的规则或规则组 “${id}” 不存在（运行 “benchpress rules” 查看全部规则）。`,
  }),
  noSuchPath: (given: string): Localized => ({ en: `No such file or folder: ${given}`, zh: `文件或文件夹不存在：${given}` }),
  configNotFound: (given: string): Localized => ({ en: `Config file not found: ${given}`, zh: `找不到配置文件：${given}` }),
  unknownCommand: (command: string): Localized => ({ en: `Unknown command "${command}".`, zh: `未知命令 “${command}”。` }),
  seeHelp: (command?: string): Localized => ({
    en: `Run "benchpress ${command ? `${command} ` : ''}--help" for usage.`,
    zh: `运行 “benchpress ${command ? `${command} ` : ''}--help” 查看用法。`,
  }),
  unexpectedArgument: (arg: string): Localized => ({ en: `Unexpected argument "${arg}".`, zh: `多余的参数 “${arg}”。` }),
  giveFiles: { en: 'Give at least one file or folder.', zh: '请至少给出一个文件或文件夹。' } as Localized,

  // lint
  nothingToCheck: { en: 'No Markdown files to check.', zh: '没有要检查的 Markdown 文件。' } as Localized,
  linkLoop: (file: string): Localized => ({ en: `Skipped ${file}: a symbolic link loop.`, zh: `已跳过 ${file}：符号链接形成循环。` }),
  deletedDuringRun: (file: string): Localized => ({ en: `${file} was deleted during the run; it is not checked.`, zh: `${file} 在检查期间被删除，未检查。` }),
  changedOnDisk: (file: string): Localized => ({
    en: `${file} changed on disk after it was read; --fix left it as it is (run again to fix it).`,
    zh: `${file} 在读取后被其他程序修改；--fix 未改写它（请重新运行以修复）。`,
  }),
  deletedBeforeFix: (file: string): Localized => ({ en: `${file} was deleted after it was read; --fix did not write it.`, zh: `${file} 在读取后被删除；--fix 未写入。` }),
  ignoredGiven: (files: readonly string[]): Localized => ({
    en: `Not checked (matched by "ignore" in the config): ${files.join(', ')}`,
    zh: `未检查（匹配配置中的 "ignore"）：${files.join('、')}`,
  }),
  checkingLinks: (done: number, total: number): Localized => ({ en: `Checking links… ${done}/${total}`, zh: `正在检查链接… ${done}/${total}` }),
} as const;

export interface SummaryCounts {
  error: number;
  warning: number;
  info: number;
  hint: number;
  files: number;
  filesWithProblems: number;
  fixed?: number;
  cached?: number;
}

/** The last line of `lint`'s text output. */
export function summaryLine(c: SummaryCounts, locale: Locale): string {
  const total = c.error + c.warning + c.info + c.hint;
  if (locale === 'zh-cn') {
    const extra = [c.fixed ? `已修复 ${c.fixed} 处` : '', c.cached ? `${c.cached} 个未改动的文件取自缓存` : ''].filter(Boolean).join('，');
    return total === 0
      ? `✔ ${c.files} 个文件，没有发现问题${extra ? `（${extra}）` : ''}。`
      : `✖ ${total} 个问题（${c.error} 个错误、${c.warning} 个警告、${c.info} 个信息、${c.hint} 个提示），涉及 ${c.files} 个文件中的 ${c.filesWithProblems} 个${extra ? `（${extra}）` : ''}。`;
  }
  const extra = [c.fixed ? `${c.fixed} fixed` : '', c.cached ? `${plural(c.cached, 'unchanged file')} from cache` : ''].filter(Boolean).join(', ');
  return total === 0
    ? `✔ No problems in ${plural(c.files, 'file')}${extra ? ` (${extra})` : ''}.`
    : `✖ ${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info, ${plural(c.hint, 'hint')}) in ${c.filesWithProblems} of ${plural(c.files, 'file')}${extra ? ` (${extra})` : ''}.`;
}

export { localize };
