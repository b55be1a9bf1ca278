// Reading a draft from disk as the editor would show it: UTF-8 (a BOM is kept aside, so a fix can write it back),
// with invalid bytes decoded as replacement characters and their first line remembered, so the check can say so
// and `--fix` knows not to write the file back.
import { promises as fs, type Stats } from 'node:fs';
import { createHash } from 'node:crypto';

export interface DraftFile {
  text: string;
  bom: boolean;
  /** 1-based line of the first byte sequence that is not UTF-8, when there is one. */
  invalidUtf8Line?: number;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8_LENIENT = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function decodeDraft(bytes: Uint8Array): DraftFile {
  let text: string;
  let invalidUtf8Line: number | undefined;
  try {
    text = UTF8.decode(bytes);
  } catch {
    text = UTF8_LENIENT.decode(bytes);
    const at = text.indexOf('\uFFFD');
    invalidUtf8Line = at === -1 ? 1 : lineOf(text, at);
  }
  const bom = text.startsWith('\uFEFF');
  return { text: bom ? text.slice(1) : text, bom, ...(invalidUtf8Line !== undefined ? { invalidUtf8Line } : {}) };
}

/** A draft as read from disk, with a digest of its bytes: `--fix` writes only over the very bytes it read. */
export interface DraftOnDisk extends DraftFile {
  digest: string;
  /** The file's stat signature just before its bytes were read, when a later run may trust it (see settledSignature). */
  settled?: string;
}

/** Inode, size, change and modification times: any write to the file, or a file put in its place, changes one. */
export const statSignature = (s: Stats) => `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;

/**
 * A signature that a later run may take as standing for the bytes read now, so that it does not read them again:
 * only for a file last changed more than two seconds before it was looked at. A write within the file system's
 * timestamp granularity of the look could leave the times as they were while the bytes differ.
 */
function settledSignature(s: Stats, lookedAt: number): string | undefined {
  return Math.max(s.mtimeMs, s.ctimeMs) < lookedAt - 2000 ? statSignature(s) : undefined;
}

export const digestOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The text is decoded when first asked for: a run answered from its cache needs only the digest of most files, and
 * decoding is most of a read's cost.
 */
export async function readDraft(file: string): Promise<DraftOnDisk> {
  const handle = await fs.open(file, 'r');
  let bytes: Uint8Array | undefined;
  let settled: string | undefined;
  try {
    // Looked at before the bytes are read: a write while they are read leaves a signature that no longer matches.
    const lookedAt = Date.now();
    settled = settledSignature(await handle.stat(), lookedAt);
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  let decoded: DraftFile | undefined;
  const draft = () => {
    if (!decoded) {
      decoded = decodeDraft(bytes!);
      bytes = undefined;
    }
    return decoded;
  };
  return {
    digest: digestOf(bytes),
    ...(settled !== undefined ? { settled } : {}),
    get text() {
      return draft().text;
    },
    get bom() {
      return draft().bom;
    },
    get invalidUtf8Line() {
      return draft().invalidUtf8Line;
    },
  };
}

/**
 * Whether the file still holds the bytes with this digest — asked just before writing a fix over it, so a draft
 * that another program (an editor, a second run) changed or removed since it was read is left alone.
 */
export async function stateOnDisk(file: string, digest: string): Promise<'unchanged' | 'changed' | 'deleted'> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'deleted' : 'changed';
  }
  return digestOf(bytes) === digest ? 'unchanged' : 'changed';
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
