// `nvidia-smi -q -x` → records. The XML is read with the small reader in xml-reader.ts; this file only
// knows where nvidia-smi puts each value. Element names differ between driver generations, so a field
// may have several paths, tried in order; the first one with a real value (not `N/A`) wins:
//   - power: `<power_readings>` (drivers before 535) became `<gpu_power_readings>` (535+), and
//     `<power_draw>` was joined (then replaced) by `<average_power_draw>` / `<instant_power_draw>`;
//     the current limit is `<power_limit>` in the old layout and `<current_power_limit>` in the new one.
//   - the GPU index is not in the XML: GPUs are listed in index order, so the position is the index when
//     every attached GPU is listed (not after `-i 2`, where `attached_gpus` is larger than the list).

import { convertValue, emptyRecord, fieldByKey, isNullToken, SmiError, ValueError, type SmiRecord } from './fields';
import { childPath, readXml, XmlError, type XmlElement } from './xml-reader';

/** Record key → paths under `<gpu>` (first real value wins). */
export const XML_PATHS: Readonly<Record<string, readonly string[]>> = {
  name: ['product_name'],
  uuid: ['uuid'],
  serial: ['serial'],
  pciBusId: ['pci/pci_bus_id'],
  pciDeviceId: ['pci/pci_device_id'],
  productBrand: ['product_brand'],
  productArchitecture: ['product_architecture'],
  vbiosVersion: ['vbios_version'],
  minorNumber: ['minor_number'],
  memoryTotalMiB: ['fb_memory_usage/total'],
  memoryReservedMiB: ['fb_memory_usage/reserved'],
  memoryUsedMiB: ['fb_memory_usage/used'],
  memoryFreeMiB: ['fb_memory_usage/free'],
  utilizationGpuPercent: ['utilization/gpu_util'],
  utilizationMemoryPercent: ['utilization/memory_util'],
  utilizationEncoderPercent: ['utilization/encoder_util'],
  utilizationDecoderPercent: ['utilization/decoder_util'],
  temperatureGpuC: ['temperature/gpu_temp'],
  temperatureMemoryC: ['temperature/memory_temp'],
  fanSpeedPercent: ['fan_speed'],
  pstate: ['performance_state', 'gpu_power_readings/power_state', 'power_readings/power_state'],
  powerManagement: ['power_readings/power_management'],
  powerDrawW: [
    'gpu_power_readings/power_draw',
    'power_readings/power_draw',
    'gpu_power_readings/average_power_draw',
    'power_readings/average_power_draw',
    'gpu_power_readings/instant_power_draw',
    'power_readings/instant_power_draw',
  ],
  powerDrawAverageW: ['gpu_power_readings/average_power_draw', 'power_readings/average_power_draw'],
  powerDrawInstantW: ['gpu_power_readings/instant_power_draw', 'power_readings/instant_power_draw'],
  powerLimitW: ['gpu_power_readings/current_power_limit', 'power_readings/power_limit', 'gpu_power_readings/power_limit', 'power_readings/current_power_limit'],
  enforcedPowerLimitW: ['power_readings/enforced_power_limit', 'gpu_power_readings/enforced_power_limit', 'gpu_power_readings/current_power_limit'],
  powerDefaultLimitW: ['gpu_power_readings/default_power_limit', 'power_readings/default_power_limit'],
  powerMinLimitW: ['gpu_power_readings/min_power_limit', 'power_readings/min_power_limit'],
  powerMaxLimitW: ['gpu_power_readings/max_power_limit', 'power_readings/max_power_limit'],
  clocksGraphicsMHz: ['clocks/graphics_clock'],
  clocksSmMHz: ['clocks/sm_clock'],
  clocksMemMHz: ['clocks/mem_clock'],
  clocksVideoMHz: ['clocks/video_clock'],
  clocksApplicationsGraphicsMHz: ['applications_clocks/graphics_clock'],
  clocksApplicationsMemMHz: ['applications_clocks/mem_clock'],
  clocksMaxGraphicsMHz: ['max_clocks/graphics_clock'],
  clocksMaxSmMHz: ['max_clocks/sm_clock'],
  clocksMaxMemMHz: ['max_clocks/mem_clock'],
  pcieLinkGenCurrent: ['pci/pci_gpu_link_info/pcie_gen/current_link_gen'],
  pcieLinkGenMax: ['pci/pci_gpu_link_info/pcie_gen/max_link_gen'],
  pcieLinkWidthCurrent: ['pci/pci_gpu_link_info/link_widths/current_link_width'],
  pcieLinkWidthMax: ['pci/pci_gpu_link_info/link_widths/max_link_width'],
  persistenceMode: ['persistence_mode'],
  computeMode: ['compute_mode'],
  displayMode: ['display_mode'],
  displayActive: ['display_active'],
  migModeCurrent: ['mig_mode/current_mig'],
  migModePending: ['mig_mode/pending_mig'],
  eccModeCurrent: ['ecc_mode/current_ecc'],
  eccModePending: ['ecc_mode/pending_ecc'],
};

export const XML_ROOT = 'nvidia_smi_log';

/** Parses `nvidia-smi -q -x` output. Throws SmiError (with a line) when it is not that, or is broken. */
export function parseSmiXml(text: string): SmiRecord[] {
  let root: XmlElement;
  try {
    root = readXml(text, {
      onRoot: (name, line) => {
        if (name !== XML_ROOT) {
          throw new XmlError(`not nvidia-smi output: the XML root element is <${name}>, expected <${XML_ROOT}> (from nvidia-smi -q -x)`, line);
        }
      },
    });
  } catch (e) {
    if (e instanceof XmlError) throw new SmiError(e.message, e.line);
    throw e;
  }

  const top = (name: string): string | null => {
    const el = childPath(root, name);
    if (!el) return null;
    const v = el.text.trim();
    return isNullToken(v) ? null : v;
  };
  const driverVersion = top('driver_version');
  const cudaVersion = top('cuda_version');
  const timestamp = top('timestamp');
  const attachedRaw = top('attached_gpus');
  const attached = attachedRaw !== null && /^\d+$/.test(attachedRaw) ? Number(attachedRaw) : null;

  const gpus = root.children.filter((c) => c.name === 'gpu');
  if (gpus.length === 0) {
    throw new SmiError(
      attached === 0
        ? 'nvidia-smi found no GPUs (<attached_gpus> is 0): there is nothing to import'
        : `not nvidia-smi GPU data: <${XML_ROOT}> has no <gpu> element`,
      root.line,
    );
  }
  const positionIsIndex = attached === null || attached === gpus.length;

  return gpus.map((gpu, i) => {
    const rec = emptyRecord();
    rec.index = positionIsIndex ? i : null;
    rec.driverVersion = driverVersion;
    rec.cudaVersion = cudaVersion;
    rec.timestamp = timestamp;
    for (const [key, paths] of Object.entries(XML_PATHS)) {
      const def = fieldByKey(key);
      if (!def) continue;
      for (const path of paths) {
        const el = childPath(gpu, path);
        if (!el) continue;
        let v;
        try {
          v = convertValue(def, el.text);
        } catch (e) {
          if (e instanceof ValueError) {
            const leaf = path.slice(path.lastIndexOf('/') + 1);
            throw new SmiError(`malformed value in <${leaf}> of GPU ${i} (${def.key}): ${e.message}`, el.line);
          }
          throw e;
        }
        if (v !== null) {
          rec[key] = v;
          break;
        }
      }
    }
    if (rec.pciBusId === null && gpu.attrs.id && !isNullToken(gpu.attrs.id)) rec.pciBusId = gpu.attrs.id.trim();
    return rec;
  });
}
