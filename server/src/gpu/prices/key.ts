// The RunPod API key: where the command line finds it, and how it is kept out of every message.
// The key lives in VS Code's SecretStorage (editor) or an environment variable (CLI); it is never written to
// settings, files or logs. Every text that leaves the price code goes through `redact` first.

/** Environment variables read by the CLI, in order: a Benchpress-specific one wins over RunPod's usual one. */
export const API_KEY_ENV_VARS = ['BENCHPRESS_RUNPOD_API_KEY', 'RUNPOD_API_KEY'] as const;

/** What a redacted key reads as. */
export const REDACTED = '[redacted]';

/** The API key from the environment (trimmed), or undefined when neither variable holds one. */
export function apiKeyFromEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const name of API_KEY_ENV_VARS) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * Whether a key can be sent in an `Authorization` header as it is: visible ASCII only (no spaces, line breaks or
 * other control characters, which would also let a pasted key smuggle in another header).
 */
export function isUsableApiKey(key: string): boolean {
  return /^[\x21-\x7e]+$/.test(key);
}

/**
 * The text with every occurrence of the key replaced by `[redacted]` — also its URL-encoded and JSON-escaped
 * forms, and any `Bearer <token>` credential (8 or more token characters). Text without the key comes back unchanged.
 */
export function redact(text: string, key: string | undefined): string {
  // A credential is a token68 value of some length: "missing bearer token" (RunPod's own 401 detail) is left alone.
  let out = text.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]{8,}=*/gi, `$1 ${REDACTED}`);
  const k = key?.trim();
  if (!k) return out;
  const variants = new Set([k, key!, encodeURIComponent(k), JSON.stringify(k).slice(1, -1)]);
  for (const v of [...variants].filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) {
    out = out.split(v).join(REDACTED);
  }
  return out;
}
