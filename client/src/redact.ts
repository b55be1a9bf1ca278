// Secrets never reach the output channel. The RunPod key travels to the server inside a request, so with
// `benchpress.trace.server` set to "verbose" the language client would write it into the channel with the request's
// parameters. Everything written to the Benchpress channel (and its trace) goes through this wrapper, which
// replaces every known secret — as written, JSON-escaped or URL-encoded — with `[redacted]`.
import type * as vscode from 'vscode';

export const REDACTED = '[redacted]';

/** The secrets to hide: the current key and any key used earlier in the session. */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    const s = secret?.trim();
    // Very short strings would turn ordinary words into "[redacted]"; keys are long.
    if (s && s.length >= 8) this.secrets.add(s);
  }

  redact(text: string): string {
    if (this.secrets.size === 0 || typeof text !== 'string') return text;
    const forms = new Set<string>();
    for (const s of this.secrets) {
      forms.add(s);
      forms.add(JSON.stringify(s).slice(1, -1));
      forms.add(encodeURIComponent(s));
    }
    let out = text;
    for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
    return out;
  }
}

const WRITERS = new Set(['append', 'appendLine', 'replace', 'trace', 'debug', 'info', 'warn', 'error']);

/** The channel, with every text written to it redacted first (errors passed to `error` too). */
export function redactingChannel<T extends vscode.OutputChannel>(channel: T, redactor: SecretRedactor): T {
  const clean = (arg: unknown): unknown => {
    if (typeof arg === 'string') return redactor.redact(arg);
    if (arg instanceof Error) {
      const copy = new Error(redactor.redact(arg.message));
      copy.name = arg.name;
      if (arg.stack) copy.stack = redactor.redact(arg.stack);
      return copy;
    }
    return arg;
  };
  return new Proxy(channel, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (typeof prop === 'string' && WRITERS.has(prop)) return (...args: unknown[]) => value.apply(target, args.map(clean));
      return value.bind(target);
    },
  });
}
