// The vocabulary of the nvidia-smi import: the record fields, the nvidia-smi query names that feed them,
// their units and their labels in the table. CSV (`--query-gpu`) and XML (`-q -x`) both map onto these
// keys, so the same GPU gives the same record whichever way it was exported.

export type SmiValue = string | number | null;

/**
 * One GPU. Every known key is always present (null when the input lacks it or reports `[N/A]`);
 * unknown `--query-gpu` fields are added with a camelCased name after the known ones.
 */
export interface SmiRecord {
  index: number | null;
  name: string | null;
  uuid: string | null;
  pciBusId: string | null;
  driverVersion: string | null;
  cudaVersion: string | null;
  memoryTotalMiB: number | null;
  powerLimitW: number | null;
  temperatureGpuC: number | null;
  [key: string]: SmiValue;
}


export interface FieldDef {
  /** camelCase record key, units in the name (`memoryTotalMiB`, `powerDrawW`). */
  key: string;
  kind: 'number' | 'string';
  /** The unit as nvidia-smi prints it after a value (`MiB`, `%`, `W`, `MHz`, `C`, `x`). */
  unit?: string;
  /** `--query-gpu` names; the first is the canonical one nvidia-smi prints in the CSV header. */
  query: string[];
  label: { en: string; zh: string };
}

const f = (key: string, kind: 'number' | 'string', unit: string | undefined, query: string[], en: string, zh: string): FieldDef => ({
  key,
  kind,
  ...(unit ? { unit } : {}),
  query,
  label: { en, zh },
});

/** Known fields, in the order they appear in a record. */
export const FIELDS: readonly FieldDef[] = [
  f('index', 'number', undefined, ['index'], 'GPU', 'GPU'),
  f('name', 'string', undefined, ['name', 'gpu_name'], 'Name', '型号'),
  f('uuid', 'string', undefined, ['uuid', 'gpu_uuid'], 'UUID', 'UUID'),
  f('serial', 'string', undefined, ['serial', 'gpu_serial'], 'Serial', '序列号'),
  f('pciBusId', 'string', undefined, ['pci.bus_id', 'gpu_bus_id'], 'PCI bus ID', 'PCI 总线 ID'),
  f('pciDeviceId', 'string', undefined, ['pci.device_id'], 'PCI device ID', 'PCI 设备 ID'),
  f('productBrand', 'string', undefined, [], 'Brand', '品牌'),
  f('productArchitecture', 'string', undefined, [], 'Architecture', '架构'),
  f('computeCap', 'string', undefined, ['compute_cap'], 'Compute capability', '计算能力'),
  f('driverVersion', 'string', undefined, ['driver_version'], 'Driver', '驱动版本'),
  f('cudaVersion', 'string', undefined, [], 'CUDA', 'CUDA 版本'),
  f('vbiosVersion', 'string', undefined, ['vbios_version'], 'VBIOS', 'VBIOS 版本'),
  f('minorNumber', 'number', undefined, [], 'Minor number', '次设备号'),
  f('memoryTotalMiB', 'number', 'MiB', ['memory.total'], 'Memory total (MiB)', '显存总量 (MiB)'),
  f('memoryReservedMiB', 'number', 'MiB', ['memory.reserved'], 'Memory reserved (MiB)', '显存预留 (MiB)'),
  f('memoryUsedMiB', 'number', 'MiB', ['memory.used'], 'Memory used (MiB)', '显存已用 (MiB)'),
  f('memoryFreeMiB', 'number', 'MiB', ['memory.free'], 'Memory free (MiB)', '显存空闲 (MiB)'),
  f('utilizationGpuPercent', 'number', '%', ['utilization.gpu'], 'GPU util. (%)', 'GPU 利用率 (%)'),
  f('utilizationMemoryPercent', 'number', '%', ['utilization.memory'], 'Memory util. (%)', '显存带宽利用率 (%)'),
  f('utilizationEncoderPercent', 'number', '%', ['utilization.encoder'], 'Encoder util. (%)', '编码器利用率 (%)'),
  f('utilizationDecoderPercent', 'number', '%', ['utilization.decoder'], 'Decoder util. (%)', '解码器利用率 (%)'),
  f('temperatureGpuC', 'number', 'C', ['temperature.gpu'], 'GPU temp. (°C)', 'GPU 温度 (°C)'),
  f('temperatureMemoryC', 'number', 'C', ['temperature.memory'], 'Memory temp. (°C)', '显存温度 (°C)'),
  f('fanSpeedPercent', 'number', '%', ['fan.speed'], 'Fan (%)', '风扇转速 (%)'),
  f('pstate', 'string', undefined, ['pstate'], 'P-state', '性能状态'),
  f('powerManagement', 'string', undefined, ['power.management'], 'Power management', '功耗管理'),
  f('powerDrawW', 'number', 'W', ['power.draw'], 'Power draw (W)', '当前功耗 (W)'),
  f('powerDrawAverageW', 'number', 'W', ['power.draw.average'], 'Avg. power draw (W)', '平均功耗 (W)'),
  f('powerDrawInstantW', 'number', 'W', ['power.draw.instant'], 'Instant power draw (W)', '瞬时功耗 (W)'),
  f('powerLimitW', 'number', 'W', ['power.limit'], 'Power limit (W)', '功耗上限 (W)'),
  f('enforcedPowerLimitW', 'number', 'W', ['enforced.power.limit'], 'Enforced power limit (W)', '实际功耗上限 (W)'),
  f('powerDefaultLimitW', 'number', 'W', ['power.default_limit'], 'Default power limit (W)', '默认功耗上限 (W)'),
  f('powerMinLimitW', 'number', 'W', ['power.min_limit'], 'Min power limit (W)', '最低功耗上限 (W)'),
  f('powerMaxLimitW', 'number', 'W', ['power.max_limit'], 'Max power limit (W)', '最高功耗上限 (W)'),
  f('clocksGraphicsMHz', 'number', 'MHz', ['clocks.current.graphics', 'clocks.gr'], 'Graphics clock (MHz)', '图形频率 (MHz)'),
  f('clocksSmMHz', 'number', 'MHz', ['clocks.current.sm', 'clocks.sm'], 'SM clock (MHz)', 'SM 频率 (MHz)'),
  f('clocksMemMHz', 'number', 'MHz', ['clocks.current.memory', 'clocks.mem'], 'Memory clock (MHz)', '显存频率 (MHz)'),
  f('clocksVideoMHz', 'number', 'MHz', ['clocks.current.video', 'clocks.video'], 'Video clock (MHz)', '视频频率 (MHz)'),
  f('clocksApplicationsGraphicsMHz', 'number', 'MHz', ['clocks.applications.graphics', 'clocks.applications.gr'], 'App. graphics clock (MHz)', '应用图形频率 (MHz)'),
  f('clocksApplicationsMemMHz', 'number', 'MHz', ['clocks.applications.memory', 'clocks.applications.mem'], 'App. memory clock (MHz)', '应用显存频率 (MHz)'),
  f('clocksMaxGraphicsMHz', 'number', 'MHz', ['clocks.max.graphics', 'clocks.max.gr'], 'Max graphics clock (MHz)', '最高图形频率 (MHz)'),
  f('clocksMaxSmMHz', 'number', 'MHz', ['clocks.max.sm'], 'Max SM clock (MHz)', '最高 SM 频率 (MHz)'),
  f('clocksMaxMemMHz', 'number', 'MHz', ['clocks.max.memory', 'clocks.max.mem'], 'Max memory clock (MHz)', '最高显存频率 (MHz)'),
  f('pcieLinkGenCurrent', 'number', undefined, ['pcie.link.gen.current', 'pcie.link.gen.gpucurrent'], 'PCIe gen', 'PCIe 代数'),
  f('pcieLinkGenMax', 'number', undefined, ['pcie.link.gen.max', 'pcie.link.gen.gpumax'], 'PCIe gen (max)', 'PCIe 最高代数'),
  f('pcieLinkWidthCurrent', 'number', 'x', ['pcie.link.width.current'], 'PCIe width', 'PCIe 位宽'),
  f('pcieLinkWidthMax', 'number', 'x', ['pcie.link.width.max'], 'PCIe width (max)', 'PCIe 最大位宽'),
  f('persistenceMode', 'string', undefined, ['persistence_mode'], 'Persistence mode', '持久模式'),
  f('computeMode', 'string', undefined, ['compute_mode'], 'Compute mode', '计算模式'),
  f('displayMode', 'string', undefined, ['display_mode'], 'Display mode', '显示模式'),
  f('displayActive', 'string', undefined, ['display_active'], 'Display active', '显示输出'),
  f('migModeCurrent', 'string', undefined, ['mig.mode.current'], 'MIG mode', 'MIG 模式'),
  f('migModePending', 'string', undefined, ['mig.mode.pending'], 'MIG mode (pending)', 'MIG 模式（待生效）'),
  f('eccModeCurrent', 'string', undefined, ['ecc.mode.current'], 'ECC', 'ECC'),
  f('eccModePending', 'string', undefined, ['ecc.mode.pending'], 'ECC (pending)', 'ECC（待生效）'),
  f('timestamp', 'string', undefined, ['timestamp'], 'Timestamp', '时间戳'),
];

const BY_KEY = new Map(FIELDS.map((d) => [d.key, d]));
const BY_QUERY = new Map(FIELDS.flatMap((d) => d.query.map((q) => [q, d] as const)));

export function fieldByKey(key: string): FieldDef | undefined {
  return BY_KEY.get(key);
}

/** A `--query-gpu` name (canonical or alias, any case) → its field. */
export function fieldByQuery(name: string): FieldDef | undefined {
  return BY_QUERY.get(name.trim().toLowerCase());
}

/** A record with every known key set to null, in the documented order. */
export function emptyRecord(): SmiRecord {
  const r: Record<string, SmiValue> = {};
  for (const d of FIELDS) r[d.key] = null;
  return r as SmiRecord;
}

/** `clocks_event_reasons.hw_slowdown` → `clocksEventReasonsHwSlowdown`. */
export function camelCase(name: string): string {
  const parts = name
    .trim()
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return parts
    .map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1)))
    .join('');
}

/** The suffix a unit adds to an unknown field's key: `%` → `Percent`, `KB/s` → `KBps`. */
export function unitSuffix(unit: string): string {
  const u = unit.trim();
  if (u === '%') return 'Percent';
  return u.replace(/\/s$/, 'ps').replace(/[^A-Za-z0-9]/g, '');
}

// What nvidia-smi prints instead of a value; with or without the brackets the CSV puts around them.
const NULL_TOKENS = new Set([
  '',
  'n/a',
  'na',
  'not supported',
  'unknown error',
  'unknown',
  'insufficient permissions',
  'requested functionality has been deprecated',
  'not available',
  'not found',
  'gpu is lost',
  'gpu requires reset',
]);

/** True for `[N/A]`, `N/A`, `[Not Supported]`, `[Unknown Error]` … and the empty string. */
export function isNullToken(raw: string): boolean {
  let s = raw.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1).trim();
  return NULL_TOKENS.has(s.toLowerCase());
}

const NUMBER_WITH_UNIT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:\s*([A-Za-z%°/]+))?$/;

export class ValueError extends Error {}

/**
 * Converts one raw value for a known field. `[N/A]`-style values give null; a number with a unit other
 * than the field's (or a word where a number belongs) throws a ValueError saying what was expected.
 */
export function convertValue(def: FieldDef, raw: string): SmiValue {
  const s = raw.trim();
  if (isNullToken(s)) return null;
  if (def.kind === 'string') return s;
  const m = NUMBER_WITH_UNIT.exec(s);
  if (!m) throw new ValueError(`"${clip(s)}" is not a number${def.unit ? ` of ${def.unit}` : ''}`);
  const unit = m[2];
  if (unit !== undefined && !unitMatches(def.unit, unit)) {
    throw new ValueError(`"${clip(s)}" has unit ${unit}, expected ${def.unit ?? 'a plain number'}`);
  }
  return Number(m[1]);
}

function unitMatches(expected: string | undefined, got: string): boolean {
  if (expected === undefined) return false;
  if (expected === 'C') return got === 'C' || got === '°C';
  return got.toLowerCase() === expected.toLowerCase();
}

/**
 * Converts a value of a field this module does not know: a plain decimal number (or one with the unit
 * from the header) becomes a number; anything else stays text. Leading zeros (`0001`) stay text.
 */
export function convertUnknown(raw: string, unit: string | undefined): SmiValue {
  const s = raw.trim();
  if (isNullToken(s)) return null;
  const m = NUMBER_WITH_UNIT.exec(s);
  if (m && (m[2] === undefined || (unit !== undefined && m[2] === unit)) && !/^[+-]?0\d/.test(m[1])) return Number(m[1]);
  return s;
}

export function clip(s: string, max = 40): string {
  const oneLine = s.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}

/** A parse failure: what is wrong, and the 1-based line where there is one. */
export class SmiError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'SmiError';
  }
}

/** Input larger than this is refused (characters, roughly bytes for nvidia-smi's ASCII output). */
export const MAX_INPUT_CHARS = 20 * 1024 * 1024;
