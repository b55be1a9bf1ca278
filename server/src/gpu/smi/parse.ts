// parseSmi: detect the format, parse it, and turn every failure into a result with a message and a line.

import { parseSmiCsv } from './csv';
import { detectFormat, type SmiFormat } from './detect';
import { SmiError, type SmiRecord } from './fields';
import { parseSmiXml } from './xml';

export interface SmiParseOptions {
  /** The `--query-gpu` field list; needed only for CSV printed with `noheader`. */
  fields?: string[];
}

export type SmiParseResult =
  | { ok: true; format: SmiFormat; gpus: SmiRecord[] }
  | { ok: false; error: string; line?: number };

/** Parses what `nvidia-smi -q -x` or `nvidia-smi --query-gpu=… --format=csv` printed. Never throws for bad input. */
export function parseSmi(text: string, opts: SmiParseOptions = {}): SmiParseResult {
  try {
    const format = detectFormat(text);
    const gpus = format === 'xml' ? parseSmiXml(text) : parseSmiCsv(text, opts.fields ? { fields: opts.fields } : {});
    return { ok: true, format, gpus };
  } catch (e) {
    if (e instanceof SmiError) return e.line !== undefined ? { ok: false, error: e.message, line: e.line } : { ok: false, error: e.message };
    throw e;
  }
}
