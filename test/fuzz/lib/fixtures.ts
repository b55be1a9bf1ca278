// Regression fixtures: each failure the fuzzer finds is saved, shrunk, as test/fuzz/regressions/<name>.json, and
// replayed by regressions.test.ts. A fixture whose failure is a known product bug carries `todo` with the reason
// (the replay is then a todo test, so the suite stays green until the fix lands and the todo is removed).
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { LspCase } from './lsp-check';
import type { CliCase } from './cli-check';

export const REGRESSIONS_DIR = path.join(__dirname, '..', 'regressions');

export type Fixture =
  | { kind: 'lsp'; signature: string; symptom: string; seed: number; todo?: string; case: LspCase }
  | { kind: 'cli'; signature: string; symptom: string; seed: number; todo?: string; case: CliCase };

export function loadFixtures(): { file: string; fixture: Fixture }[] {
  if (!existsSync(REGRESSIONS_DIR)) return [];
  return readdirSync(REGRESSIONS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, fixture: JSON.parse(readFileSync(path.join(REGRESSIONS_DIR, f), 'utf8')) as Fixture }));
}

/** Signatures of known, not yet fixed product bugs (fixtures with `todo`). */
export function knownSignatures(): Map<string, string> {
  const known = new Map<string, string>();
  for (const { fixture } of loadFixtures()) if (fixture.todo) known.set(fixture.signature, fixture.todo);
  return known;
}

/**
 * The known bug a failure belongs to, if any: its signature is a todo fixture's, or it has the same cause marker
 * as one (`(lone-cr)`: any request's ranges in a file with lone CRs, one cause in the server's line counting).
 */
export function knownCause(signature: string, known: Map<string, string>): string | undefined {
  const exact = known.get(signature);
  if (exact !== undefined) return exact;
  const marker = /\((lone-cr)\)$/.exec(signature)?.[0];
  if (marker) for (const [s, reason] of known) if (s.endsWith(marker) && /^lone CR/.test(reason)) return reason;
  return undefined;
}

export function saveFixture(fixture: Fixture): string {
  mkdirSync(REGRESSIONS_DIR, { recursive: true });
  const slug = fixture.signature.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  const file = path.join(REGRESSIONS_DIR, `${fixture.kind}-${slug}-${fixture.seed >>> 0}.json`);
  writeFileSync(file, JSON.stringify(fixture, null, 2) + '\n');
  return file;
}
