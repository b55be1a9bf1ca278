// Test support: the rule registry with a few faulty rules added, swapped in for server/src/rules/registry.ts by
// ./build.ts when it bundles a test build of the server and the CLI (the product's bundles never contain them).
// Each rule does nothing unless the draft holds its marker, so every real rule keeps working beside them:
//   RULE-THROWS               test/throws (chunk rule) throws on that chunk
//   RULE-STALLS               test/stalls (chunk rule) never returns
//   RULE-SLOW <ms> [LOG TAG]  test/slow (chunk rule) busies itself for <ms>, first appending TAG to the file LOG
//   CRASH-ONCE <file>         test/crashes kills its worker the first time (the file marks that it did)
//   CRASH-ALWAYS              test/crashes kills its worker every time
//   DOC-THROWS / DOC-HANGS    test/doc-throws, test/doc-hangs (document rules) throw / never settle
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import * as real from '../../../server/src/rules/registry';
import type { ChunkRule, DocumentRule, Rule } from '../../../server/src/rules/types';

const docs = (summary: string) => ({ summary, rationale: 'Test only.', bad: 'x', good: 'y' });
const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

const chunk = (id: string, check: ChunkRule['check']): ChunkRule => ({ id, scope: 'chunk', defaultSeverity: 'warning', docs: docs(id), check });
const document = (id: string, check: DocumentRule['check']): DocumentRule => ({ id, scope: 'document', defaultSeverity: 'warning', docs: docs(id), check });

export const TEST_RULES: Rule[] = [
  chunk('test/throws', (ctx) => {
    if (ctx.text.includes('RULE-THROWS')) throw new Error('boom from a test rule');
  }),
  chunk('test/stalls', (ctx) => {
    if (!ctx.text.includes('RULE-STALLS')) return;
    for (;;) {
      /* never returns */
    }
  }),
  chunk('test/slow', (ctx) => {
    const m = /RULE-SLOW (\d+)(?: (\S+) (\S+))?/.exec(ctx.text);
    if (!m) return;
    if (m[2]) appendFileSync(m[2], `${m[3]}\n`);
    const until = Date.now() + Number(m[1]);
    while (Date.now() < until) {
      /* busy */
    }
    ctx.report({ range: START, message: `slow rule done (${m[3] ?? ''})` });
  }),
  chunk('test/crashes', (ctx) => {
    const once = /CRASH-ONCE (\S+)/.exec(ctx.text);
    if (once) {
      if (!existsSync(once[1])) {
        writeFileSync(once[1], 'crashed\n');
        process.exit(3);
      }
      ctx.report({ range: START, message: 'survived a crash' });
    }
    if (ctx.text.includes('CRASH-ALWAYS')) process.exit(4);
  }),
  document('test/doc-throws', (ctx) => {
    if (ctx.doc.text.includes('DOC-THROWS')) throw new Error('document boom from a test rule');
  }),
  document('test/doc-hangs', async (ctx) => {
    if (ctx.doc.text.includes('DOC-HANGS')) await new Promise(() => undefined);
  }),
];

export const RULES: readonly Rule[] = [...real.RULES, ...TEST_RULES];
const byId = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export function chunkRule(id: string): ChunkRule | undefined {
  const rule = byId.get(id);
  return rule?.scope === 'chunk' ? rule : undefined;
}

export function isKnownRuleOrGroup(id: string): boolean {
  const prefix = id.endsWith('/') ? id : `${id}/`;
  return byId.has(id) || RULES.some((r) => r.id.startsWith(prefix));
}
