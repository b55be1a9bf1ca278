// Heading anchors as the two places these drafts are read make them: GitHub (github-slugger: duplicates get
// -1, -2 …; emoji and punctuation removed, spaces become hyphens) and VS Code's Markdown preview (similar, but
// trims leading and trailing hyphens and removes CJK punctuation). A link is fine if either accepts it.
import GithubSlugger from 'github-slugger';

export interface HeadingAnchors {
  github: string;
  vscode: string;
}

const VSCODE_REMOVED = /[\]\[!/'"#$%&()*+,./:;<=>?@\\^{|}~`。，、；：？！…—·ˉ¨‘’“”々～‖∶＂＇｀｜〃〔〕〈〉《》「」『』．〖〗【】（）［］｛｝\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu;

function vscodeSlug(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, '-').replace(VSCODE_REMOVED, '').replace(/^-+/, '').replace(/-+$/, '');
}

/** Anchors for a document's headings in order; duplicates are numbered the way each renderer numbers them. */
export function headingAnchors(headings: readonly string[]): HeadingAnchors[] {
  const github = new GithubSlugger();
  const seen = new Map<string, number>();
  return headings.map((text) => {
    const base = vscodeSlug(text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return { github: github.slug(text), vscode: count === 0 ? base : `${base}-${count}` };
  });
}

/** Fragments compare after percent-decoding, as browsers do. */
export function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
