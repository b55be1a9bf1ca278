// `nvidia-smi --query-gpu=… --format=csv[,noheader][,nounits]` → records.
//
// What nvidia-smi prints: values separated by ", "; a header line of the canonical query names with the
// unit in brackets (`memory.total [MiB]`, `utilization.gpu [%]`, `power.draw [W]`; `temperature.gpu` has
// none); values with the unit after a space (`81559 MiB`, `45 %`, `250.00 W`) unless `nounits`; and
// `[N/A]` / `[Not Supported]` where a GPU has no value. Without a header the field list must come from
// the caller (`--fields`, the same list as `--query-gpu`).

import {
  camelCase,
  clip,
  convertUnknown,
  convertValue,
  emptyRecord,
  fieldByQuery,
  SmiError,
  unitSuffix,
  ValueError,
  type FieldDef,
  type SmiRecord,
} from './fields';

export interface CsvColumn {
  /** The query name as written (`memory.total`). */
  query: string;
  /** Unit from the header (`MiB`), if any. */
  unit?: string;
  /** The known field, or undefined for a field this module does not know (passed through). */
  def?: FieldDef;
  /** Record key. */
  key: string;
}

export interface CsvOptions {
  /** The `--query-gpu` field list, needed when the output has no header (`noheader`). */
  fields?: string[];
}

const HEADER_CELL = /^([A-Za-z_][A-Za-z0-9_.]*)\s*(?:\[([^\]]*)\])?$/;
/** Known fields common enough in any CSV that, alone, they do not make a header nvidia-smi's. */
const GENERIC = new Set(['index', 'name', 'uuid', 'serial', 'timestamp', 'count']);

/** Splits one line on commas; double-quoted cells (not produced by nvidia-smi, but by spreadsheets) are honoured. */
export function splitCsvLine(line: string): string[] | null {
  if (!line.includes('"')) return line.split(',').map((c) => c.trim());
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= line.length) return null; // unterminated quote
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += line[i++];
      }
      while (i < line.length && line[i] !== ',') {
        if (line[i] !== ' ' && line[i] !== '\t') return null;
        i++;
      }
      cells.push(v);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      cells.push(line.slice(i, end).trim());
      i = end;
    }
    if (i >= line.length) break;
    i++; // ','
    if (i >= line.length) {
      cells.push('');
      break;
    }
  }
  return cells;
}

/** A column from a header cell or a `--fields` entry (`memory.total [MiB]`, `memory.total`, `fooBar`). */
export function columnFor(cell: string): CsvColumn | null {
  const m = HEADER_CELL.exec(cell.trim());
  if (!m) return null;
  const query = m[1];
  const unit = m[2]?.trim() || undefined;
  const def = fieldByQuery(query);
  if (def) return { query, ...(unit ? { unit } : {}), def, key: def.key };
  return { query, ...(unit ? { unit } : {}), key: camelCase(query) + (unit ? unitSuffix(unit) : '') };
}

/** Does this first line look like nvidia-smi's CSV header? */
export function parseHeader(cells: string[]): CsvColumn[] | null {
  const cols: CsvColumn[] = [];
  for (const c of cells) {
    const col = columnFor(c);
    if (!col) return null;
    cols.push(col);
  }
  const known = cols.filter((c) => c.def);
  if (known.length === 0) return null;
  const specific = known.some((c) => !GENERIC.has(c.def!.query[0]));
  if (!specific && known.length !== cols.length) return null;
  return cols;
}

/** Does this headerless row look like nvidia-smi values (units, `[N/A]`, GPU UUIDs, bus ids …)? */
function looksLikeSmiValues(cells: string[]): boolean {
  return cells.some((c) =>
    /^\[(N\/A|Not Supported|Unknown Error|Insufficient Permissions)\]$/.test(c) ||
    /^\d+(\.\d+)? (MiB|MHz|W|%)$/.test(c) ||
    /^GPU-[0-9a-f]{8}-/i.test(c) ||
    /^[0-9A-F]{8}:[0-9A-F]{2}:[0-9A-F]{2}\.\d$/i.test(c) ||
    /^NVIDIA\b/.test(c),
  );
}

interface Line {
  no: number;
  text: string;
}

/** Parses nvidia-smi CSV. Throws SmiError with the line of the problem. */
export function parseSmiCsv(text: string, opts: CsvOptions = {}): SmiRecord[] {
  const lines: Line[] = [];
  const raw = text.split(/\r?\n|\r/);
  for (let i = 0; i < raw.length; i++) {
    const t = i === 0 ? raw[i].replace(/^\uFEFF/, '') : raw[i];
    if (t.trim() !== '') lines.push({ no: i + 1, text: t });
  }
  if (lines.length === 0) throw new SmiError('the input is empty');

  const first = lines[0];
  const firstCells = splitCsvLine(first.text);
  if (!firstCells) throw new SmiError(`malformed CSV: unterminated quote`, first.no);
  let columns = parseHeader(firstCells);
  let body: Line[];
  if (columns) {
    checkHeaderUnits(columns, first.no);
    body = lines.slice(1);
    if (body.length === 0) {
      throw new SmiError(`the CSV has a header but no GPU rows after it (cut off?)`, first.no);
    }
  } else if (opts.fields && opts.fields.length > 0) {
    columns = [];
    for (const fld of opts.fields) {
      const col = columnFor(fld);
      if (!col) throw new SmiError(`--fields: "${clip(fld)}" is not an nvidia-smi query field name`);
      columns.push(col);
    }
    body = lines;
  } else if (looksLikeSmiValues(firstCells)) {
    throw new SmiError(
      'the CSV has no header line (noheader): pass the query\'s field list with --fields, e.g. --fields index,name,memory.total',
      first.no,
    );
  } else {
    throw new SmiError(
      `not nvidia-smi output: line ${first.no} ("${clip(first.text)}") is neither nvidia-smi XML nor a --query-gpu CSV header (no known field such as memory.total or driver_version); CSV without a header needs --fields`,
      first.no,
    );
  }

  const records: SmiRecord[] = [];
  for (let r = 0; r < body.length; r++) {
    const line = body[r];
    const cells = splitCsvLine(line.text);
    if (!cells) throw new SmiError(`malformed row: unterminated quote`, line.no);
    const isLast = r === body.length - 1;
    if (cells.length !== columns.length) {
      const source = opts.fields && body === lines ? '--fields lists' : 'the header has';
      if (cells.length < columns.length && isLast) {
        throw new SmiError(
          `the CSV is cut off: the last row has ${cells.length} of ${columns.length} values (${source} ${columns.length})`,
          line.no,
        );
      }
      throw new SmiError(`malformed row: ${cells.length} values, but ${source} ${columns.length}`, line.no);
    }
    const rec = emptyRecord();
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c];
      if (col.def) {
        try {
          rec[col.key] = convertValue(col.def, cells[c]);
        } catch (e) {
          if (e instanceof ValueError) {
            throw new SmiError(`malformed row: column ${c + 1} (${col.query}): ${e.message}`, line.no);
          }
          throw e;
        }
      } else {
        rec[col.key] = convertUnknown(cells[c], col.unit);
      }
    }
    records.push(rec);
  }
  return records;
}

/** Header units that contradict the field (`memory.total [GiB]`) would mislabel every number. */
export function checkHeaderUnits(columns: CsvColumn[], line: number): void {
  for (const col of columns) {
    if (col.def && col.unit && col.def.unit && col.unit.toLowerCase() !== col.def.unit.toLowerCase()) {
      throw new SmiError(`column ${col.query} has unit [${col.unit}], expected [${col.def.unit}]`, line);
    }
  }
}
