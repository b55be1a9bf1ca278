// A small, strict argument parser: known flags only, clear messages for the rest.
import { CliUsageError, MSG } from './messages';

export interface FlagSpec {
  /** Flags that take a value (`--format json` or `--format=json`). */
  values: string[];
  /** Flags that are on or off. */
  switches: string[];
}

export interface ParsedArgs {
  values: Map<string, string>;
  switches: Set<string>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' && spec.switches.includes('help')) {
      switches.add('help');
      continue;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw new CliUsageError(MSG.unknownOption(arg));
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (spec.values.includes(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new CliUsageError(MSG.needsValue(name));
      values.set(name, value);
    } else if (spec.switches.includes(name)) {
      if (eq !== -1) throw new CliUsageError(MSG.takesNoValue(name));
      switches.add(name);
    } else {
      throw new CliUsageError(MSG.unknownOption(`--${name}`));
    }
  }
  return { values, switches, positionals };
}
