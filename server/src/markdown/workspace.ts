// "The files out there", as document rules see them. The server answers from open editors first and the disk
// second; the CLI from the disk; tests from memory. Paths are absolute file system paths.
import type { FileAnchors } from './anchors';
import type { AnchorSettings } from './heading-anchors';

export interface WorkspaceView {
  /** The workspace root (nearest folder with `.benchpress/` or `.git`), if any. */
  root?: string;
  /**
   * Whether a path exists, and what it is; `outside` for a path outside the folders a draft may look into (the
   * workspace), which is not looked at — what a draft links to never makes Benchpress read outside the workspace.
   */
  stat(path: string): Promise<'file' | 'directory' | 'outside' | undefined>;
  /** Heading anchors (for the platform) and HTML ids of another Markdown file; undefined if it cannot be read (or is outside). */
  anchorsOf(path: string, settings: AnchorSettings): Promise<FileAnchors | undefined>;
}

/** A workspace with no files, for checking a text on its own. */
export const EMPTY_WORKSPACE: WorkspaceView = {
  stat: async () => undefined,
  anchorsOf: async () => undefined,
};
