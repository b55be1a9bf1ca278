// Reference data that chunk rules read (for example the GPU specs that `specs/mismatch` checks prose against).
// It travels to the analysis workers once per version, so it must be plain JSON.
import type { GpuRecord } from '../gpu/data';

export interface ChunkData {
  gpus: GpuRecord[];
}

export const EMPTY_CHUNK_DATA: ChunkData = { gpus: [] };
