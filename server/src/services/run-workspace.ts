// The workspace as a run over many drafts sees it: the anchors of a draft that is part of the run come from that
// draft's own check (its document view, or its cached answer's anchors), never from parsing it a second time.
// Other files are the inner view's business (the disk). Both a run from scratch and a run answered partly from
// the cache take a draft's anchors from the same place, so they give the same findings.
import type { WorkspaceView } from '../markdown/workspace';
import type { FileAnchors } from '../markdown/anchors';
import type { AnchorSettings } from '../markdown/heading-anchors';

export class RunWorkspace implements WorkspaceView {
  /**
   * `own(path, settings)`: the anchors of a draft of the run as its check made them with these anchor settings, or
   * undefined when the run has none for it (then the disk answers).
   */
  constructor(private readonly inner: WorkspaceView, private readonly own: (path: string, settings: AnchorSettings) => FileAnchors | undefined) {}

  get root(): string | undefined {
    return this.inner.root;
  }

  stat(p: string): Promise<'file' | 'directory' | 'outside' | undefined> {
    return this.inner.stat(p);
  }

  anchorsOf(p: string, settings: AnchorSettings): Promise<FileAnchors | undefined> {
    return Promise.resolve(this.own(p, settings)).then((anchors) => anchors ?? this.inner.anchorsOf(p, settings));
  }
}
