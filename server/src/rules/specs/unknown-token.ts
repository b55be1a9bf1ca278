import type { ChunkRule } from '../types';
import type { GpuRecord } from '../../gpu/data';
import { GpuDatabase, closestField } from '../../gpu/database';
import type { Fix } from '../../base/types';
import { findSpecTokens, resolveToken, tokenFieldError } from '../../gpu/tokens';

const databases = new WeakMap<readonly GpuRecord[], GpuDatabase>();
function databaseOf(gpus: readonly GpuRecord[]): GpuDatabase {
  let db = databases.get(gpus);
  if (!db) {
    db = new GpuDatabase({ gpus, asOf: '' });
    databases.set(gpus, db);
  }
  return db;
}

/**
 * specs/unknown-token — a spec token `{{gpu:ID.FIELD}}` names a GPU or field the data set does not have, or a
 * figure the data leaves empty, so it can neither be shown on hover nor expanded. Tokens in code are ignored
 * (the rule reads prose only).
 *
 * A chunk rule rather than a document rule: chunk rules receive the GPU data (`ctx.data.gpus`, built-in records
 * with the workspace's `.benchpress/gpus.json` merged in), so GPUs a team added are known here too.
 */
export const unknownToken: ChunkRule = {
  id: 'specs/unknown-token',
  scope: 'chunk',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A spec token `{{gpu:ID.FIELD}}` names an unknown GPU or field, or a figure the data does not have.',
    rationale: 'A token that cannot be resolved would be published as literal braces; a misspelt field is easy to miss in the source.',
    bad: 'H100 SXM 配备 {{gpu:h100-sxm.memroyGB}} 显存。\n',
    good: 'H100 SXM 配备 {{gpu:h100-sxm.memoryGB}} 显存。\n',
  },
  check({ summary, lines, data, locale, report }) {
    const gpus = data?.gpus ?? [];
    const db = databaseOf(gpus);
    for (const segment of summary.prose) {
      if (!segment.text.includes('{{')) continue;
      for (const token of findSpecTokens(segment.text)) {
        const start = segment.offset + token.start;
        const end = segment.offset + token.end;
        if (gpus.length === 0) {
          // Without GPU data (none loaded) ids and values cannot be judged; fields still can.
          const en = tokenFieldError(token.field, 'en');
          if (en) report({ range: lines.rangeOf(start, end), message: { en, zh: tokenFieldError(token.field, 'zh-cn')! }, data: { gpuId: token.gpuId, field: token.field, kind: 'field' } });
          continue;
        }
        const r = resolveToken(db, token, locale);
        if (!('error' in r)) continue;
        const en = resolveToken(db, token, 'en');
        const zh = resolveToken(db, token, 'zh-cn');
        const fixes: Fix[] = [];
        if (r.kind === 'gpu') {
          const near = db.closeIds(token.gpuId, 1)[0];
          if (near && token.gpuId) fixes.push({ title: locale === 'zh-cn' ? `改为 ${near}` : `Change to ${near}`, edits: [{ range: lines.rangeOf(start, end), newText: `{{gpu:${near}.${token.field}}}` }], safe: false, preferred: true });
        } else if (r.kind === 'field' && token.field) {
          const near = closestField(token.field);
          if (near) fixes.push({ title: locale === 'zh-cn' ? `改为 ${near}` : `Change to ${near}`, edits: [{ range: lines.rangeOf(start, end), newText: `{{gpu:${token.gpuId}.${near}}}` }], safe: false, preferred: true });
        }
        report({
          range: lines.rangeOf(start, end),
          message: { en: 'error' in en ? en.error : '', zh: 'error' in zh ? zh.error : '' },
          severity: r.kind === 'value' ? 'info' : undefined,
          fixes: fixes.length ? fixes : undefined,
          data: { gpuId: token.gpuId, field: token.field, kind: r.kind },
        });
      }
    }
  },
};
