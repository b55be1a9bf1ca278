// Reading a response body with a byte cap: never more than the cap is kept (or, past it, downloaded), gzip /
// deflate / brotli bodies are decoded on the way (the cap counts decoded bytes), and the stream is always closed.
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface BodyBytes {
  bytes: Buffer;
  /** The body was longer than the cap; `bytes` holds its first maxBytes. */
  truncated: boolean;
}

export interface BodyText {
  text: string;
  truncated: boolean;
}

/** Reads at most maxBytes of the (decoded) body, then closes it. Rejects if the stream fails. */
export async function readBody(body: Readable, maxBytes: number, contentEncoding?: string): Promise<BodyBytes> {
  const enc = (contentEncoding ?? '').trim().toLowerCase();
  let source: Readable = body;
  if (enc === 'gzip' || enc === 'x-gzip' || enc === 'deflate' || enc === 'br') {
    const decoder = enc === 'br' ? zlib.createBrotliDecompress() : enc === 'deflate' ? zlib.createInflate() : zlib.createGunzip();
    source = pipeline(body, decoder, () => {});
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of source) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      if (size + buf.length > maxBytes) {
        chunks.push(buf.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(buf);
      size += buf.length;
    }
  } finally {
    if (!body.destroyed) body.destroy();
    if (source !== body && !source.destroyed) source.destroy();
  }
  return { bytes: Buffer.concat(chunks, size), truncated };
}

/** readBody, decoded as UTF-8 (invalid sequences become U+FFFD). */
export async function readBodyText(body: Readable, maxBytes: number, contentEncoding?: string): Promise<BodyText> {
  const { bytes, truncated } = await readBody(body, maxBytes, contentEncoding);
  return { text: new TextDecoder('utf-8').decode(bytes), truncated };
}

/** Lets a small unread body go (so the connection can be reused); a larger one closes the connection. Never rejects. */
export async function discardBody(body: Readable & { dump?: (opts?: { limit: number }) => Promise<void> }, limit = 64 * 1024): Promise<void> {
  try {
    if (typeof body.dump === 'function') await body.dump({ limit });
    else body.destroy();
  } catch {
    // nothing to do: the body is gone either way
  }
}
