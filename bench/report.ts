import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { type Figure, round } from './figures.js';

/** The machine the figures were measured on. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemGb: number;
  node: string;
}

/** The content of bench/results.json. */
export interface BenchResults {
  machine: MachineInfo;
  date: string;
  quick: boolean;
  notes: string[];
  figures: Figure[];
}

/** CPU count and model, memory and Node version of this process's machine. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    totalMemGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
  };
}

/** A fixed-width table of the figures, one per line. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['figure', 'value', 'unit', 'reference', 'ref value', 'ratio', 'target'];
  const rows = figures.map((f) => [
    f.name,
    show(f.value),
    f.unit,
    f.reference ?? '-',
    f.referenceValue === null ? '-' : show(f.referenceValue),
    f.ratio === null ? '-' : f.ratio.toFixed(2),
    f.target === undefined ? '-' : `${targetText(f)} ${f.met ? 'met' : 'NOT met'}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 4 || i === 5 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Detail fields of every figure that has some, one line each. */
export function formatDetails(figures: readonly Figure[]): string {
  return figures
    .filter((f) => f.detail)
    .map((f) => {
      const fields = Object.entries(f.detail ?? {}).map(([k, v]) => `${k}=${v}`);
      return `${f.name}: ${fields.join(', ')}`;
    })
    .join('\n');
}

/** Write the results file (pretty JSON). */
export function writeResults(path: string, results: BenchResults): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}

function targetText(f: Figure): string {
  return f.targetIs === 'value≤' ? `value ≤ ${f.target}` : `ratio ≥ ${f.target}`;
}

function show(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}
