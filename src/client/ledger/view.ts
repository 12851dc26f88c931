/**
 * The Reviews view (Explorer): the review ledger of each workspace folder, asked of the server (signoff/ledger)
 * and never computed here. Refreshed while visible when diagnostics change (the server re-checked something), when
 * a run record appears, when the server restarts, and by its Refresh button. A click opens the certificate or
 * checklist at the line.
 */
import * as vscode from 'vscode';
import type { ServerHandle } from '../server-handle';
import { ledgerNodes, type ReviewNode } from './nodes';

export const REVIEWS_VIEW = 'signoff.reviews';
export const REFRESH_REVIEWS = 'signoff.refreshReviews';
export const OPEN_REVIEW_LOCATION = 'signoff.openReviewLocation';
const DEBOUNCE_MS = 500;

type Item = ReviewNode & { folder: vscode.Uri };

class ReviewsProvider implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly server: ServerHandle) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: Item): Promise<Item[]> {
    if (element) return (element.children ?? []).map((c) => ({ ...c, folder: element.folder }));
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) return [];
    const many = folders.length > 1;
    const roots: Item[] = [];
    for (const folder of folders) {
      const ledger = await this.server.ledger(folder.uri);
      const nodes: ReviewNode[] = ledger ? ledgerNodes(ledger, many ? `${folder.uri.toString()}|` : '') : [{ id: `${folder.uri.toString()}|unavailable`, label: 'The Signoff server is not running', icon: 'debug-disconnect', contextValue: 'empty' }];
      if (!many) return nodes.map((n) => ({ ...n, folder: folder.uri }));
      roots.push({ id: folder.uri.toString(), label: folder.name, icon: 'root-folder', contextValue: 'folder', children: nodes, folder: folder.uri });
    }
    return roots;
  }

  getTreeItem(node: Item): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.children?.length
      ? (node.contextValue === 'folder' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed)
      : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    item.iconPath = new vscode.ThemeIcon(node.icon, node.color ? new vscode.ThemeColor(node.color) : undefined);
    if (node.open) {
      const uri = vscode.Uri.joinPath(node.folder, ...node.open.path.split('/'));
      item.command = { command: OPEN_REVIEW_LOCATION, title: 'Open', arguments: [uri, node.open.line] };
    }
    return item;
  }
}

export function registerReviewsView(server: ServerHandle): vscode.Disposable {
  const provider = new ReviewsProvider(server);
  const view = vscode.window.createTreeView(REVIEWS_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let missed = false;
  const later = () => {
    if (!view.visible) { missed = true; return; }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => provider.refresh(), DEBOUNCE_MS);
  };
  const runs = vscode.workspace.createFileSystemWatcher('**/.signoff/runs/*.json', false, true, true);
  return vscode.Disposable.from(
    view,
    runs,
    runs.onDidCreate(later),
    vscode.languages.onDidChangeDiagnostics(later),
    vscode.workspace.onDidChangeWorkspaceFolders(later),
    server.onDidChangeState(later),
    view.onDidChangeVisibility(() => { if (view.visible && missed) { missed = false; provider.refresh(); } }),
    vscode.commands.registerCommand(REFRESH_REVIEWS, () => provider.refresh()),
    vscode.commands.registerCommand(OPEN_REVIEW_LOCATION, async (uri: vscode.Uri, line: number) => {
      const at = new vscode.Position(Math.max(0, line - 1), 0);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(at, at), preview: true });
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
}
