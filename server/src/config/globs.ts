// File globs of the settings (`ignore`, `overrides[].files`): patterns relative to the workspace root, matched
// with picomatch (`**` any folders, `*` and `?` within a name, `{a,b}` alternatives, `[abc]` classes). A list is
// read in order and the last pattern that matches decides, so a leading `!` takes files back out
// (`["docs/reference/**", "!docs/reference/index.md"]`). A pattern that matches a folder also matches everything
// under it (`build` is `build/**` too). Paths outside the root never match.
import picomatch from 'picomatch';
import type { Localized } from '../base/i18n';

export interface GlobList {
  /** True when the last pattern that matches `relPath` (root-relative, `/`-separated) is not negated. */
  matches(relPath: string): boolean;
  /** True when a folder's contents can all be skipped: the folder matches and no negated pattern could take a file back. */
  skipsFolder(relPath: string): boolean;
  readonly patterns: readonly string[];
}

interface Compiled {
  negated: boolean;
  test: (p: string) => boolean;
}

const OPTIONS: picomatch.PicomatchOptions = { dot: true, nonegate: true, strictSlashes: false };

/** The pattern as matched: without a leading `!`, `./` or `/`, and without a trailing `/`. */
function normalizePattern(pattern: string): { body: string; negated: boolean } {
  let body = pattern.trim();
  const negated = body.startsWith('!');
  if (negated) body = body.slice(1);
  body = body.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  return { body, negated };
}

/** Why a glob cannot be used, or undefined when it can. */
export function globProblem(pattern: unknown): Localized | undefined {
  if (typeof pattern !== 'string') return { en: 'expected a string (a glob such as "docs/generated/**")', zh: '应为字符串（如 "docs/generated/**" 这样的 glob）' };
  const { body } = normalizePattern(pattern);
  const p = JSON.stringify(pattern);
  if (body === '') return { en: `the pattern ${p} matches nothing`, zh: `模式 ${p} 匹配不到任何文件` };
  if (/^[A-Za-z]:[\\/]/.test(pattern) || pattern.startsWith('\\')) return { en: `the pattern ${p} is an absolute path; patterns are relative to the workspace root`, zh: `模式 ${p} 是绝对路径；模式应相对于工作区根目录` };
  if (body.split('/').includes('..')) return { en: `the pattern ${p} leaves the workspace root ("..")`, zh: `模式 ${p} 超出了工作区根目录（".."）` };
  if (body.includes('\\')) return { en: `the pattern ${p} has a backslash; separate folders with "/"`, zh: `模式 ${p} 含反斜杠；请用 "/" 分隔文件夹` };
  try {
    picomatch.makeRe(body, OPTIONS);
  } catch (error) {
    const reason = (error as Error).message;
    return { en: `the pattern ${p} is not a valid glob (${reason})`, zh: `模式 ${p} 不是有效的 glob（${reason}）` };
  }
  return undefined;
}

/** Compiles a pattern list; patterns with a problem (see `globProblem`) are left out. */
export function compileGlobs(patterns: readonly string[]): GlobList {
  const compiled: Compiled[] = [];
  for (const pattern of patterns) {
    if (globProblem(pattern)) continue;
    const { body, negated } = normalizePattern(pattern);
    compiled.push({ negated, test: picomatch(body, OPTIONS) });
  }
  const hasNegation = compiled.some((c) => c.negated);
  const candidates = (relPath: string): string[] => {
    const parts = relPath.split('/').filter((p) => p !== '' && p !== '.');
    // The path itself and each folder above it: a pattern matching a folder matches what is in it.
    return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  };
  const decide = (relPath: string): boolean => {
    const normalized = relPath.replace(/\\/g, '/');
    if (compiled.length === 0 || normalized === '..' || normalized.startsWith('../') || /^([A-Za-z]:)?\//.test(normalized)) return false;
    const paths = candidates(normalized);
    if (paths.length === 0) return false;
    let matched = false;
    for (const c of compiled) if (c.negated === matched && paths.some((p) => c.test(p))) matched = !c.negated;
    return matched;
  };
  return {
    patterns,
    matches: decide,
    skipsFolder: (relPath) => !hasNegation && decide(relPath),
  };
}
