// nvidia-smi import: the pure entry points. No `vscode`, no file system — text in, records or a table out.
//
//   parseSmi(text, { fields })             → { ok: true, format, gpus } | { ok: false, error, line? }
//   smiTable(gpus, { lang, fields, date }) → Markdown table + one-line source note
//   smiCommand(args, io)                   → the `smi` CLI subcommand (exit code 0, or 2 with stdout empty)
//   nodeSmiIo()  (./io)                    → the real file/stdin/stdout io for smiCommand (Node only)

export { parseSmi, type SmiParseOptions, type SmiParseResult } from './parse';
export type { SmiRecord, SmiValue, FieldDef } from './fields';
export { FIELDS, fieldByKey, fieldByQuery, MAX_INPUT_CHARS } from './fields';
export type { SmiFormat } from './detect';
export { smiTable, resolveTableFields, defaultTableFields, type SmiTableOptions } from './table';
export { smiCommand, SMI_USAGE, type SmiIo } from './command';
