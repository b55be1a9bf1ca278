// Which kind of nvidia-smi output is this, if any? Cheap checks before the real parse, so that the common
// wrong inputs (an empty file, a binary, JSON, nvidia-smi's screen table or its error message) get a
// message that says what they are instead of a parse error somewhere in the middle.

import { clip, MAX_INPUT_CHARS, SmiError } from './fields';

export type SmiFormat = 'csv' | 'xml';

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Throws SmiError for input that is certainly not nvidia-smi output; otherwise says which parser to use. */
export function detectFormat(text: string): SmiFormat {
  if (text.length > MAX_INPUT_CHARS) {
    throw new SmiError(`the input is too large (${text.length} characters; nvidia-smi output is far below the limit of ${MAX_INPUT_CHARS})`);
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new SmiError('the input is empty: expected the output of nvidia-smi -q -x or nvidia-smi --query-gpu=… --format=csv');

  // Binary data or text that was not valid UTF-8 (the decoder leaves U+FFFD where bytes were invalid).
  const bad = body.search(/[\u0000-\u0008\u000E-\u001F\u007F\uFFFD\uFFFE\uFFFF]/);
  if (bad >= 0) {
    const code = body.charCodeAt(bad);
    const what = code === 0xfffd ? 'invalid UTF-8' : code === 0 ? 'a NUL byte' : `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    throw new SmiError(`not nvidia-smi output: the input is binary or not UTF-8 text (${what})`, lineOf(body, bad));
  }

  const start = body.search(/\S/);
  const c = body[start];
  if (c === '<') return 'xml';
  if (c === '{' || c === '[') {
    try {
      const v: unknown = JSON.parse(body);
      if (v !== null && typeof v === 'object') {
        throw new SmiError('not nvidia-smi output: the input is JSON; expected nvidia-smi -q -x (XML) or --format=csv output', lineOf(body, start));
      }
    } catch (e) {
      if (e instanceof SmiError) throw e;
      // Not JSON: a CSV row may start with "[N/A]".
    }
  }

  const head = body.slice(0, 4096);
  const firstLine = body.slice(start).split(/\r?\n/, 1)[0];
  const failed = /NVIDIA-SMI has failed[^\n]*/.exec(head);
  if (failed) throw new SmiError(`nvidia-smi reported an error instead of data: "${clip(failed[0].trim(), 120)}"`, lineOf(body, failed.index));
  if (/^No devices were found/m.test(head)) throw new SmiError('nvidia-smi found no GPUs ("No devices were found"): there is nothing to import', lineOf(body, head.indexOf('No devices')));
  if (/=+\s*NVSMI LOG\s*=+/.test(head)) {
    throw new SmiError('this is the text report of nvidia-smi -q; run nvidia-smi -q -x (XML) instead', lineOf(body, head.search(/NVSMI LOG/)));
  }
  if (/NVIDIA-SMI \d/.test(head) && /Driver Version/.test(head)) {
    throw new SmiError(
      "this is nvidia-smi's screen table, which is not meant to be parsed; run nvidia-smi -q -x, or nvidia-smi --query-gpu=index,name,memory.total,driver_version --format=csv",
      lineOf(body, head.search(/NVIDIA-SMI \d/)),
    );
  }
  if (/^(#{1,6}\s|---\s*$|\|)/.test(firstLine)) {
    throw new SmiError(`not nvidia-smi output: line ${lineOf(body, start)} looks like Markdown ("${clip(firstLine)}")`, lineOf(body, start));
  }
  return 'csv';
}
