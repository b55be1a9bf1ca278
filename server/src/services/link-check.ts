// Checking the external links of drafts over the network, for the Check Links command, `checkUrls` in the editor
// and `lint --check-urls`: every distinct URL once, with the workspace's link-check settings, progress and
// cancellation, results kept in the URL cache.
import type { BenchpressConfig } from '../config/config';
import type { DocumentView } from '../markdown/document-view';
import { checkUrls, type UrlCheckCache, type UrlCheckResult } from '../links/external';
import { externalLinks } from '../links/external/occurrences';
import { urlCheckOptions } from '../links/external/settings';
import type { CheckLinksResult } from '../protocol';

export interface LinkCheckHooks {
  cache?: UrlCheckCache;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Every distinct external URL of the views, checked once. */
export async function checkLinksOf(views: Iterable<DocumentView>, config: BenchpressConfig, hooks: LinkCheckHooks = {}): Promise<ReadonlyMap<string, UrlCheckResult>> {
  const urls = new Set<string>();
  for (const view of views) for (const link of externalLinks(view)) urls.add(link.url);
  if (urls.size === 0) return new Map();
  return checkUrls(urls, urlCheckOptions(config), hooks);
}

/** The counts the Check Links command reports. */
export function linkCheckCounts(results: ReadonlyMap<string, UrlCheckResult>, cancelled: boolean): CheckLinksResult {
  const values = [...results.values()];
  return {
    checked: values.filter((r) => r.status !== 'skipped' && r.status !== 'cancelled').length,
    broken: values.filter((r) => r.status === 'broken' || r.fragmentMissing).length,
    redirected: values.filter((r) => r.status === 'redirect' && r.permanent).length,
    failed: values.filter((r) => r.status === 'timeout' || r.status === 'dns' || r.status === 'network').length,
    cancelled,
    alive: values.filter((r) => r.verdict === 'alive').length,
    dead: values.filter((r) => r.verdict === 'dead').length,
    unverified: values.filter((r) => r.verdict === 'unverified').length,
  };
}
