// The real io for smiCommand in dist/cli.js: files and stdin read with a size cap (checked before the
// whole file is in memory) and decoded strictly. UTF-8 with or without BOM, and UTF-16 with a BOM (what
// Windows PowerShell 5 writes for `nvidia-smi ... > out.txt`), are accepted; anything else that is not
// valid UTF-8 is refused with a message rather than decoded into replacement characters.
//
//   import { smiCommand } from './gpu/smi';
//   import { nodeSmiIo } from './gpu/smi/io';
//   process.exitCode = await smiCommand(argv.slice(1), nodeSmiIo());

import { open } from 'node:fs/promises';
import { MAX_INPUT_CHARS } from './fields';
import type { SmiIo } from './command';

export const MAX_INPUT_BYTES = MAX_INPUT_CHARS;

export class InputError extends Error {}

/** Decodes bytes as UTF-8 (BOM optional) or BOM-marked UTF-16; throws InputError for anything else. */
export function decodeInput(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const at = loose.indexOf('\uFFFD');
    const line = at < 0 ? 1 : loose.slice(0, at).split('\n').length;
    throw new InputError(`not text: the input is binary or not valid UTF-8 (first bad byte on line ${line})`);
  }
}

async function readFileCapped(path: string, max: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.size > max) throw new InputError(`the file is too large (${st.size} bytes, limit ${max})`);
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) throw new InputError(`the file is too large (more than ${max} bytes)`);
      chunks.push(Buffer.from(buf.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await fh.close();
  }
}

async function readStreamCapped(stream: NodeJS.ReadableStream, max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += b.length;
    if (total > max) throw new InputError(`standard input is too large (more than ${max} bytes)`);
    chunks.push(b);
  }
  return Buffer.concat(chunks, total);
}

export function nodeSmiIo(overrides: Partial<SmiIo> = {}): SmiIo {
  return {
    readFile: async (path) => decodeInput(await readFileCapped(path, MAX_INPUT_BYTES)),
    readStdin: async () => decodeInput(await readStreamCapped(process.stdin, MAX_INPUT_BYTES)),
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    ...overrides,
  };
}
