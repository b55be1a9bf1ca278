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
    const seen = new Map<string, boolean>();
    for (const link of doc.links) {
      const target = resolveLinkTarget(link.url, doc.path);
      if (target.kind !== 'file') continue;
      let exists = seen.get(target.path);
      if (exists === undefined) {
        exists = (await workspace.stat(target.path)) !== undefined;
        seen.set(target.path, exists);
      }
      if (exists) continue;
      const shown = doc.path ? path.relative(path.dirname(doc.path), target.path) || target.path : target.path;
      report({
        range: doc.range(link.urlSpan),
        message: link.kind === 'image'
          ? { en: `Image not found: ${shown}`, zh: `图片不存在：${shown}` }
          : { en: `File not found: ${shown}`, zh: `文件不存在：${shown}` },
      });
    }
  },
};
