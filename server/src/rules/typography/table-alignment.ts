import type { ChunkRule } from '../types';
import { docs, reportTypography } from './shared';

// typography/table-alignment — padded tables line up by display width.
export const tableAlignment: ChunkRule = {
  id: 'typography/table-alignment',
  scope: 'chunk',
  defaultSeverity: 'info',
  docs: docs({
    summary: 'A padded table still lines up when counting display width (a Chinese character is two columns).',
    rationale: 'A table padded by character count falls apart in a monospace editor as soon as a cell holds Chinese. Compact tables (`| a | b |`) are left alone. Ambiguous-width characters (“”, …, °) count as `typography.ambiguousWidth` columns. Fix-all pads the cells to the delimiter row and never rewrites that row; when a cell is wider than its column there, the quick fix (which rewrites the delimiter row, keeping each column’s alignment) is the writer’s choice.',
    bad: '| 型号   | 显存    |\n| ---- | ----- |\n| H100 | 80 GB |\n',
    good: '| 型号 | 显存  |\n| ---- | ----- |\n| H100 | 80 GB |\n',
    options: 'Set `typography.ambiguousWidth` to 2 for fonts that draw ambiguous characters wide.',
  }),
  check: (ctx) => reportTypography(ctx, 'table'),
};
