// RunPod GPU types → Benchpress GPU ids: which RunPod GPU type each built-in GPU is, with where that was read.
// Prices are matched by id only (display names change); `unknown` is a placeholder id in RunPod's APIs.

export interface RunpodGpuMapping {
  /** Benchpress id (server/src/data/gpus.json). */
  gpuId: string;
  /** RunPod GPU type id (`gpus[].id` in v2, `gpuTypes.id` in GraphQL), or null when RunPod offers no such card. */
  runpodId: string | null;
  /** RunPod's display name (v2 `name`, GraphQL `displayName`), for reference only: mapping goes by id. */
  runpodName?: string;
  /** Where the id was read, or why there is none. */
  source: string;
}

const DOCS_TABLE = 'runpod/docs references/gpu-types.mdx (ba1309bf)';

/**
 * Every built-in GPU and the RunPod id it maps to (see docs/research/runpod-api.md, "Mapping for the built-in GPU
 * ids"). Left out on purpose: "NVIDIA RTX PRO 6000 Blackwell …" (not the RTX 6000 Ada), the other Ada workstation
 * cards, "NVIDIA A40", "NVIDIA RTX A6000", "NVIDIA A30", the V100s, "Tesla T4", the AMD MI300X, and `unknown`.
 */
export const RUNPOD_GPU_MAP: readonly RunpodGpuMapping[] = [
  { gpuId: 'rtx-3090', runpodId: 'NVIDIA GeForce RTX 3090', runpodName: 'RTX 3090', source: DOCS_TABLE },
  { gpuId: 'rtx-4090', runpodId: 'NVIDIA GeForce RTX 4090', runpodName: 'RTX 4090', source: DOCS_TABLE },
  { gpuId: 'rtx-5090', runpodId: 'NVIDIA GeForce RTX 5090', runpodName: 'RTX 5090', source: DOCS_TABLE },
  { gpuId: 'a100-40gb-sxm', runpodId: null, source: 'no 40 GB A100 in any RunPod list (docs table, REST v1 OpenAPI enum, Flash GPU types)' },
  { gpuId: 'a100-80gb-sxm', runpodId: 'NVIDIA A100-SXM4-80GB', runpodName: 'A100 SXM', source: DOCS_TABLE },
  { gpuId: 'a100-80gb-pcie', runpodId: 'NVIDIA A100 80GB PCIe', runpodName: 'A100 PCIe', source: DOCS_TABLE },
  { gpuId: 'h100-sxm', runpodId: 'NVIDIA H100 80GB HBM3', runpodName: 'H100 SXM', source: DOCS_TABLE },
  { gpuId: 'h100-pcie', runpodId: 'NVIDIA H100 PCIe', runpodName: 'H100 PCIe', source: DOCS_TABLE },
  { gpuId: 'h100-nvl', runpodId: 'NVIDIA H100 NVL', runpodName: 'H100 NVL', source: DOCS_TABLE },
  { gpuId: 'h200-sxm', runpodId: 'NVIDIA H200', runpodName: 'H200 SXM', source: DOCS_TABLE },
  { gpuId: 'h200-nvl', runpodId: 'NVIDIA H200 NVL', source: 'runpod/docs api-reference/openapi.json (REST v1) gpuTypeId enum (01242f85); display name not in any RunPod list' },
  { gpuId: 'b200', runpodId: 'NVIDIA B200', runpodName: 'B200', source: DOCS_TABLE },
  { gpuId: 'l40s', runpodId: 'NVIDIA L40S', runpodName: 'L40S', source: DOCS_TABLE },
  { gpuId: 'l40', runpodId: 'NVIDIA L40', runpodName: 'L40', source: DOCS_TABLE },
  { gpuId: 'l4', runpodId: 'NVIDIA L4', runpodName: 'L4', source: DOCS_TABLE },
  { gpuId: 'rtx-6000-ada', runpodId: 'NVIDIA RTX 6000 Ada Generation', runpodName: 'RTX 6000 Ada', source: DOCS_TABLE },
];

/** A RunPod GPU type id as compared: case and runs of spaces aside. */
export const normalizedRunpodId = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
const BY_ID = new Map(RUNPOD_GPU_MAP.flatMap((m) => (m.runpodId ? [[normalizedRunpodId(m.runpodId), m.gpuId] as const] : [])));

/** The Benchpress GPU id for a RunPod GPU type id (case and spacing aside), or undefined if it is not one we track. */
export function benchpressGpuId(runpodId: unknown): string | undefined {
  return typeof runpodId === 'string' ? BY_ID.get(normalizedRunpodId(runpodId)) : undefined;
}
