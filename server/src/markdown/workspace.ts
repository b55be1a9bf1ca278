// "The files out there", as document rules see them. The server answers from open editors first and the disk
// second; the CLI from the disk; tests from memory. Paths are absolute file system paths.
import type { FileAnchors } from './anchors';
import type { AnchorSettings } from './heading-anchors';

export interface WorkspaceView {
  /** The workspace root (nearest folder with `.benchpress/` or `.git`), if any. */
  root?: string;
  /** Whether a path exists, and what it is. */
  stat(path: string): Promise<'file' | 'directory' | undefined>;
  /** Heading anchors (for the platform) and HTML ids of another Markdown file; undefined if it cannot be read. */
  anchorsOf(path: string, settings: AnchorSettings): Promise<FileAnchors | undefined>;
}

/** A workspace with no files, for checking a text on its own. */
export const EMPTY_WORKSPACE: WorkspaceView = {
  stat: async () => undefined,
  anchorsOf: async () => undefined,
};
