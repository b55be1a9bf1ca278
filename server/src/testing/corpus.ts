// Test support: the Markdown files of the shared sample corpora (`../shared/corpus`, read-only, next to the repo),
// in a stable order; none when the corpora are not there.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface CorpusFile {
  /** Path relative to the corpus root. */
  name: string;
  text: string;
}

/** The corpus's `.md` files, sorted by path, those `keep` accepts, at most `limit` of them. */
export function corpusFiles(limit = Infinity, keep: (text: string) => boolean = () => true): CorpusFile[] {
  const root = path.resolve('../shared/corpus');
  if (!existsSync(root)) return [];
  const out: CorpusFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (out.length >= limit) return;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.md')) {
        const text = readFileSync(full, 'utf8');
        if (keep(text)) out.push({ name: path.relative(root, full), text });
      }
    }
  };
  walk(root);
  return out;
}
