// For tests only: a minimal Markdown → DraftText, standing in for the document model (which gives the
// real segments). `# ` is the title, `##`… headings, fenced code is left out, everything else is body.
// Front matter `title:` also counts as the title; `date:` is returned for the report tests.

import type { DraftText } from './match';

export function draftFromMarkdown(markdown: string): DraftText & { date?: string } {
  const segments: DraftText['segments'] = [];
  const lines = markdown.split(/\r?\n/);
  let inFence = false;
  let inFrontMatter = lines[0] === '---';
  let date: string | undefined;
  lines.forEach((line, i) => {
    if (inFrontMatter) {
      if (i > 0 && line === '---') {
        inFrontMatter = false;
        return;
      }
      const t = /^title:\s*["']?(.*?)["']?\s*$/.exec(line);
      if (t) segments.push({ kind: 'title', text: t[1], line: i, character: line.indexOf(t[1]) });
      const d = /^date:\s*["']?(.*?)["']?\s*$/.exec(line);
      if (d) date = d[1];
      return;
    }
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      return;
    }
    if (inFence || line.trim() === '') return;
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      segments.push({ kind: h[1].length === 1 ? 'title' : 'heading', text: h[2], line: i, character: h[1].length + 1 });
      return;
    }
    segments.push({ kind: 'body', text: line, line: i, character: 0 });
  });
  return date === undefined ? { segments } : { segments, date };
}
