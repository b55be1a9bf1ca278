// GPU data in drafts, for the editor's commands and the command line alike: the GPU list, tables in the draft's
// language, refreshing the tables of a draft in place, expanding spec tokens and nvidia-smi import. Results are
// plain text and offset edits; the front ends turn them into their own edits and output.
import { languageOfText, localize, type Locale } from '../base/i18n';
import type { GpuDatabase } from '../gpu/database';
import { buildTable, type TableOptions, type TableRequest } from '../gpu/tables';
import { refreshBlocks } from '../gpu/blocks';
import { todayIso } from '../base/dates';
import { expandTokens, maskCode } from '../gpu/tokens';
import { parseSmi, smiTable } from '../gpu/smi';
import type { GpuInfo, SmiTableParams, SmiTableResult, TextResult } from '../protocol';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** The language of a draft's prose: code and spec tokens are left out. */
export function draftLanguageOf(text: string): Locale {
  return languageOfText(maskCode(text).replace(/\{\{[^{}]*\}\}/g, ' '));
}

export function gpuList(db: GpuDatabase): GpuInfo[] {
  return db.gpus.map((g) => ({ id: g.id, name: g.name, memoryGB: g.memoryGB, memoryType: g.memoryType, architecture: g.architecture, segment: g.segment ?? null, hasPrices: db.pricesFor(g.id).length > 0 }));
}

export function tableText(db: GpuDatabase, request: TableRequest, opts: TableOptions): TextResult {
  const result = buildTable(db, request, opts);
  return result.ok ? { ok: true, text: result.text } : { ok: false, error: result.error };
}

/** Edits that regenerate every data table of a draft from the current data, and what changed. */
export function refreshTablesOf(text: string, db: GpuDatabase, lang: Locale, staleAfterDays: number, today = todayIso()): { edits: OffsetEdit[]; summary: string[] } {
  const refreshed = refreshBlocks(text, db, today, { staleAfterDays, lang });
  return { edits: refreshed.edits, summary: [...refreshed.changes.flatMap((c) => c.summary), ...refreshed.problems.map((p) => localize(p.message, lang))] };
}

/** One edit that writes out the draft's spec tokens (none if there is nothing to expand), and what happened. */
export function expandTokensOf(text: string, db: GpuDatabase, lang: Locale): { edits: OffsetEdit[]; summary: string[] } {
  const expanded = expandTokens(text, db, lang);
  const edits = expanded.text === text ? [] : [{ start: 0, end: text.length, newText: expanded.text }];
  return { edits, summary: [`${expanded.expanded}`, ...expanded.errors.map((e) => e.message)] };
}

export function smiTableOf(params: SmiTableParams & { lang: Locale }): SmiTableResult {
  const parsed = parseSmi(params.text, { fields: params.fields });
  if (!parsed.ok) return { ok: false, error: parsed.line !== undefined ? `line ${parsed.line}: ${parsed.error}` : parsed.error };
  try {
    return { ok: true, text: smiTable(parsed.gpus, { lang: params.lang, fields: params.fields }), gpus: parsed.gpus.length };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
