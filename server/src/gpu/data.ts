// GPU reference data: the record shape of the contract (`node dist/cli.js gpus --json`).

export interface GpuRecord {
  id: string;
  name: string;
  aliases: string[];
  vendor: string | null;
  architecture: string | null;
  segment?: string | null;
  formFactor?: string | null;
  memoryGB: number | null;
  memoryType: string | null;
  memoryBandwidthGBps: number | null;
  cudaCores?: number | null;
  fp32Tflops: number | null;
  tf32TensorTflopsDense?: number | null;
  bf16TensorTflopsDense?: number | null;
  fp8TensorTflopsDense?: number | null;
  tdpW: number | null;
  launchDate: string | null;
  launchPriceUsd: number | null;
  sources: Record<string, string>;
  notes?: string;
}
