import type { DocumentRule } from '../types';
import { resolveLinkTarget } from '../../markdown/link-target';
import path from 'node:path';

/**
 * links/missing-file — a relative link or image points to a file that does not exist. Paths are resolved
 * against the draft's folder; `%20` and other escapes are decoded; root-relative paths (`/img/…`) are left to
 * the site generator.
 */
export const missingFile: DocumentRule = {
  id: 'links/missing-file',
  scope: 'document',
  defaultSeverity: 'error',
  docs: {
    summary: 'A relative link or image points to a file that does not exist.',
    rationale: 'Broken images and links are what readers notice first; they usually come from a moved or renamed file.',
    bad: '![架构图](./images/architecture.png)\n',
    good: '![架构图](./images/arch.png)\n',
    files: { 'images/arch.png': 'png' },
  },
  async check({ doc, workspace, report }) {
    // Every file linked is looked up at once, and the rule waits once (not once per link: a long draft links to
    // hundreds of images, and this runs on every edit).
    const lookups = new Map<string, Promise<unknown>>();
    for (const link of doc.links) {
      const target = resolveLinkTarget(link.url, doc.path);
      if (target.kind === 'file' && !lookups.has(target.path)) lookups.set(target.path, workspace.stat(target.path));
    }
    if (lookups.size === 0) return;
    const paths = [...lookups.keys()];
    const found = await Promise.all(lookups.values());
    const missing = new Set(paths.filter((_, i) => found[i] === undefined));
    if (missing.size === 0) return;
    for (const link of doc.links) {
      const target = resolveLinkTarget(link.url, doc.path);
      if (target.kind !== 'file' || !missing.has(target.path)) continue;
      const shown = shownPath(doc.path, target.path);
      report({
        range: doc.range(link.urlSpan),
        message: link.kind === 'image'
          ? { en: `Image not found: ${shown}`, zh: `图片不存在：${shown}` }
          : { en: `File not found: ${shown}`, zh: `文件不存在：${shown}` },
      });
    }
  },
};

/**
 * Missing files as the message shows them (relative to the draft), by draft and target: the same on every check.
 * (Targets come from resolveLinkTarget's answers, the same strings each time, so the lookups hash nothing anew.)
 */
const shownPaths = new Map<string, Map<string, string>>();
let shownCount = 0;

function shownPath(documentPath: string | undefined, target: string): string {
  if (!documentPath) return target;
  let byTarget = shownPaths.get(documentPath);
  if (!byTarget) shownPaths.set(documentPath, (byTarget = new Map()));
  let shown = byTarget.get(target);
  if (shown === undefined) {
    if (++shownCount > 10000) {
      shownPaths.clear();
      shownPaths.set(documentPath, byTarget);
      byTarget.clear();
      shownCount = 1;
    }
    shown = path.relative(path.dirname(documentPath), target) || target;
    byTarget.set(target, shown);
  }
  return shown;
}
