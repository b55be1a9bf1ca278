// The cells of one GFM table row as written: split on pipes that are not escaped, outer pipes dropped, each cell
// trimmed. A backslash escapes the character after it (so `\|` stays inside its cell and `\\|` ends one), and
// cells keep their escapes, so a caller can write them back as Markdown or unescape them for display.

export function splitTableRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && i + 1 < row.length) {
      current += row[i] + row[i + 1];
      i++;
    } else if (row[i] === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += row[i];
    }
  }
  cells.push(current.trim());
  return cells;
}
