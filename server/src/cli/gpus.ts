// `benchpress gpus`: the built-in GPU data, as JSON records (contract) or a readable list.
import { parseArgs } from './args';
import type { CliIo } from './io';
import { CliUsageError, MSG } from './messages';
import { BUILTIN_GPUS } from '../node/data-files';

const CONTRACT_FIELDS = ['id', 'name', 'aliases', 'vendor', 'architecture', 'memoryGB', 'memoryType', 'memoryBandwidthGBps', 'fp32Tflops', 'tdpW', 'launchDate', 'launchPriceUsd'] as const;

export const GPUS_USAGE = `Usage: benchpress gpus [--json]

Lists the built-in GPU data: one line per GPU (id, name, memory, bandwidth, FP32, TDP), or with --json an array
of records {"id", "name", "aliases", "vendor", "architecture", "memoryGB", …, "sources"} (unknown figures null).`;

export async function gpusCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: [], switches: ['json', 'help'] });
  if (args.switches.has('help')) {
    io.stdout(GPUS_USAGE + '\n');
    return 0;
  }
  if (args.positionals.length > 0) throw new CliUsageError(MSG.unexpectedArgument(args.positionals[0]));
  const gpus = BUILTIN_GPUS;
  if (args.switches.has('json')) {
    // Contract fields first (null when unknown), then the rest of the record.
    const records = gpus.map((g) => {
      const out: Record<string, unknown> = {};
      for (const f of CONTRACT_FIELDS) out[f] = (g as unknown as Record<string, unknown>)[f] ?? null;
      return { ...out, ...g, sources: g.sources };
    });
    io.stdout(JSON.stringify(records, null, 2) + '\n');
    return 0;
  }
  for (const g of gpus) {
    io.stdout(`${g.id.padEnd(16)} ${g.name.padEnd(28)} ${g.memoryGB ?? '—'} GB ${g.memoryType ?? ''}, ${g.memoryBandwidthGBps ?? '—'} GB/s, ${g.fp32Tflops ?? '—'} TFLOPS FP32, ${g.tdpW ?? '—'} W\n`);
  }
  return 0;
}
