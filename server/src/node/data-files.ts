// Reference data for checks: the built-in GPU data set (and, later, a team's overrides in `.benchpress/`).
import builtinGpus from '../data/gpus.json';
import type { ChunkData } from '../core/chunk-data';
import type { GpuRecord } from '../gpu/data';
import type { FileProblems } from './workspace-files';

export const BUILTIN_GPUS: GpuRecord[] = builtinGpus.gpus as GpuRecord[];

export async function loadChunkData(_root: string | undefined): Promise<{ data: ChunkData; problems: FileProblems[] }> {
  return { data: { gpus: BUILTIN_GPUS }, problems: [] };
}
