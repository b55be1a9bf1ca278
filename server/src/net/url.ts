// URLs the network clients accept (http and https only) and how a URL is shown in messages.

/** The URL if it parses and is http(s), else undefined. */
export function httpUrl(input: string | URL): URL | undefined {
  let url: URL;
  try {
    url = new URL(String(input).trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

export const isHttpUrl = (url: URL): boolean => url.protocol === 'http:' || url.protocol === 'https:';

/** The URL as shown in messages and sources: no user name, password, query or fragment (a key may hide there). */
export function shownUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
