// Front matter: YAML between `---` fences at the top of a draft (TOML `+++` is recognised and left alone).
import { parse as parseYaml } from 'yaml';
import type { FrontMatter } from './document-view';
import type { Chunk } from './chunks';

export function readFrontMatter(chunk: Chunk): FrontMatter {
  const span = { start: chunk.startOffset, end: chunk.endOffset };
  if (chunk.text.startsWith('+++')) return { data: {}, span };
  // Lines end at `\r\n`, `\n` or a lone `\r` (as the chunker counts them).
  const lines = chunk.text.split(/\r\n|\r|\n/);
  const body = lines.slice(1, lines.length - (lines[lines.length - 1] === '' ? 2 : 1)).join('\n');
  try {
    const data = parseYaml(body, { maxAliasCount: 100, uniqueKeys: false });
    if (data === null || data === undefined) return { data: {}, span };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { data: {}, span, error: { message: 'Front matter should be "key: value" pairs.', line: chunk.startLine + 1 } };
    }
    return { data: data as Record<string, unknown>, span };
  } catch (error) {
    const e = error as Error & { linePos?: { line: number; col: number }[] };
    const line = chunk.startLine + (e.linePos?.[0]?.line ?? 1);
    return { data: {}, span, error: { message: e.message.split('\n')[0], line } };
  }
}
