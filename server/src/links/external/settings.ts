// Benchpress settings → link checker options.
import type { BenchpressConfig } from '../../config/config';
import type { UrlCheckOptions } from './types';

export function urlCheckOptions(config: BenchpressConfig): Partial<UrlCheckOptions> {
  const u = config.urlCheck;
  return {
    timeoutMs: u.timeoutMs,
    concurrency: u.concurrency,
    perHostConcurrency: u.perHostConcurrency,
    retries: u.retries,
    ignore: u.ignore,
    skipHosts: u.skipHosts,
    cacheTtlHours: u.cacheTtlHours,
    confirmDeadAfterHours: u.confirmDeadAfterHours,
    allowPrivate: config.allowPrivateUrls,
  };
}
