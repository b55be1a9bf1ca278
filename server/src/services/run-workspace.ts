// The workspace as a run over many drafts sees it: the anchors of a draft that is part of the run come from that
// draft's own check (its document view, or its cached answer's anchors), never from parsing it a second time.
// Other files are the inner view's business (the disk). Both a run from scratch and a run answered partly from
// the cache take a draft's anchors from the same place, so they give the same findings.
import type { WorkspaceView } from '../markdown/workspace';

export class RunWorkspace implements WorkspaceView {
  private readonly known = new Map<string, Set<string>>();

  /** `own(path)`: the anchors of a draft of the run as its check made them, or undefined when it has none. */
  constructor(private readonly inner: WorkspaceView, private readonly own: (path: string) => Iterable<string> | undefined) {}

  get root(): string | undefined {
    return this.inner.root;
  }

  stat(p: string): Promise<'file' | 'directory' | undefined> {
    return this.inner.stat(p);
  }

  anchorsOf(p: string): Promise<Set<string> | undefined> {
    let anchors = this.known.get(p);
    if (!anchors) {
      const own = this.own(p);
      if (own === undefined) return this.inner.anchorsOf(p);
      anchors = own instanceof Set ? own : new Set(own);
      this.known.set(p, anchors);
    }
    return Promise.resolve(anchors);
  }
}
