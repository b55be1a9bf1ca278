// The topic-heat tree: topics by heat with the drafts that cover them, the hot topics no draft covers yet, and
// rotation warnings. The report comes from the server (`benchpress/topicReport`).
import * as vscode from 'vscode';
import { Requests, TOPICS_VIEW_ID, type TopicEntry, type WorkspaceTopicReport } from '../../server/src/protocol';
import type { Ctx } from './context';


type Node =
  | { kind: 'topic'; entry: TopicEntry }
  | { kind: 'draft'; path: string }
  | { kind: 'group'; id: 'uncovered' | 'rotation'; label: string; children: Node[] }
  | { kind: 'note'; label: string; tooltip?: string; path?: string };

const formatHeat = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1).replace(/\.0$/, '')}K` : String(n));

export class TopicsView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private report: WorkspaceTopicReport | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly request: Ctx['request']) {}

  refresh(): void {
    this.report = undefined;
    this.changed.fire();
  }

  private root(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  private async load(): Promise<void> {
    const root = this.root();
    if (!root) return;
    this.report = await vscode.window.withProgress({ location: { viewId: TOPICS_VIEW_ID }, title: vscode.l10n.t('Reading drafts…') }, () => this.request(Requests.topicReport, { root }));
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'topic') return node.entry.drafts.map((path) => ({ kind: 'draft', path }));
    if (node?.kind === 'group') return node.children;
    if (node) return [];
    if (!this.root()) return [{ kind: 'note', label: vscode.l10n.t('Open a folder to see the topic heat of its drafts.') }];
    if (!this.report) {
      this.loading ??= this.load().finally(() => (this.loading = undefined));
      await this.loading;
    }
    const report = this.report;
    if (!report) return [];
    const nodes: Node[] = report.topics.map((entry) => ({ kind: 'topic', entry }));
    if (report.uncovered.length) nodes.push({ kind: 'group', id: 'uncovered', label: vscode.l10n.t('Not covered yet ({0})', report.uncovered.length), children: report.uncovered.map((t) => ({ kind: 'note', label: t })) });
    if (report.rotation.length) {
      nodes.push({
        kind: 'group',
        id: 'rotation',
        label: vscode.l10n.t('Rotation warnings ({0})', report.rotation.length),
        children: report.rotation.map((r) => ({ kind: 'note', label: `${r.topic}: ${r.file}`, tooltip: vscode.l10n.t('{0} repeats “{1}” right after {2}', r.file, r.topic, r.previous), path: r.file })),
      });
    }
    return nodes;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const root = this.root()!;
    switch (node.kind) {
      case 'topic': {
        const item = new vscode.TreeItem(node.entry.topic, node.entry.drafts.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = `${node.entry.status ?? ''} ${formatHeat(node.entry.heat)} · ${node.entry.drafts.length ? vscode.l10n.t('{0} drafts', node.entry.drafts.length) : vscode.l10n.t('no draft yet')}`;
        item.iconPath = new vscode.ThemeIcon(node.entry.drafts.length ? 'flame' : 'circle-outline');
        item.tooltip = vscode.l10n.t('Rank {0}, heat {1}, views {2}', node.entry.rank, node.entry.heat, node.entry.views ?? '—');
        return item;
      }
      case 'draft': {
        const item = new vscode.TreeItem(node.path, vscode.TreeItemCollapsibleState.None);
        const uri = vscode.Uri.joinPath(vscode.Uri.file(root), node.path);
        item.resourceUri = uri;
        item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon(node.id === 'rotation' ? 'warning' : 'lightbulb');
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.tooltip;
        if (node.path) {
          const uri = vscode.Uri.joinPath(vscode.Uri.file(root), node.path);
          item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
        }
        return item;
      }
    }
  }
}
