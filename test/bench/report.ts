/** Bytes as KiB with one decimal. */
export const kib = (bytes: number): string => (bytes / 1024).toFixed(1);

/** Milliseconds with one decimal. */
export const ms = (value: number): string => value.toFixed(1);

/** A ratio, with fewer decimals as it grows (2215 ×, 35.4 ×, 1.35 ×). */
export const ratio = (value: number): string => `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ×`;

/** A markdown table with padded columns; `alignRight[i]` right-aligns column i (numbers). */
export const formatTable = (headers: string[], rows: string[][], alignRight: boolean[]): string => {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (alignRight[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (alignRight[column] ? `${'-'.repeat(width + 1)}:` : `${'-'.repeat(width + 2)}`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
};
