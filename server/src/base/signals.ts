// Listening to an AbortSignal for as long as some work runs, and no longer.

/**
 * `work`, with `onAbort` listening to `signal` until the work settles. A signal can outlive many pieces of work (a
 * rehearsal's runs through 48 checks), and a listener left on it keeps whatever its closure holds: the texts of every
 * edit rehearsed, 24 MB of a 5,000-line draft's server until the rehearsal ended.
 */
export function untilSettled<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => void): Promise<T> {
  if (!signal) return work;
  signal.addEventListener('abort', onAbort, { once: true });
  const done = () => signal.removeEventListener('abort', onAbort);
  work.then(done, done);
  return work;
}
