import { KllSketch } from '../sketches/index.js';
import { ColumnAccumulator, type WindowValue } from './column-accumulator.js';

/** A logged prediction as windows read it: the part of the serving log's row monitoring needs. */
export interface LoggedRow {
  id: number;
  at_ms: number;
  inputs: Record<string, WindowValue>;
  outputs: { prediction: number | string | null };
  /** Server-side time to score the request, when the source knows it. */
  latency_ms?: number;
}

/**
 * One window of a model's prediction log: its bounds, row count, and an
 * accumulator per input column and for the prediction.
 */
export class MonitorWindow {
  rows = 0;
  firstId = Number.POSITIVE_INFINITY;
  lastId = 0;
  firstMs = Number.POSITIVE_INFINITY;
  lastMs = 0;
  readonly columns = new Map<string, ColumnAccumulator>();
  readonly prediction = new ColumnAccumulator();
  /** Latencies of the window's rows (for the p99 rule). */
  readonly latency = new KllSketch();

  /** @param start window start (epoch ms for time windows, the first row's id for count windows) */
  constructor(readonly start: number, readonly end: number) {}

  /**
   * @example
   * ```ts
   * const w = new MonitorWindow(0, 3_600_000); w.add({ id: 1, at_ms: 5, inputs: { x: 1 }, outputs: { prediction: 'yes' } });
   * ```
   */
  add(r: LoggedRow): void {
    this.rows++;
    this.firstId = Math.min(this.firstId, r.id);
    this.lastId = Math.max(this.lastId, r.id);
    this.firstMs = Math.min(this.firstMs, r.at_ms);
    this.lastMs = Math.max(this.lastMs, r.at_ms);
    for (const [k, v] of Object.entries(r.inputs)) {
      let acc = this.columns.get(k);
      if (!acc) {
        acc = new ColumnAccumulator();
        // A column first seen mid-window was missing in the rows before it.
        for (let i = 1; i < this.rows; i++) acc.add(null);
        this.columns.set(k, acc);
      }
      acc.add(v);
    }
    for (const [k, acc] of this.columns) if (!(k in r.inputs)) acc.add(null);
    this.prediction.add(r.outputs.prediction);
    if (r.latency_ms !== undefined) this.latency.add(r.latency_ms);
  }

  /** Folds another process's window over the same span in. */
  merge(o: MonitorWindow): this {
    for (const [k, acc] of o.columns) {
      const mine = this.columns.get(k);
      if (mine) mine.merge(acc);
      else {
        const filled = new ColumnAccumulator();
        for (let i = 0; i < this.rows; i++) filled.add(null);
        this.columns.set(k, filled.merge(acc));
      }
    }
    for (const [k, acc] of this.columns) if (!o.columns.has(k)) for (let i = 0; i < o.rows; i++) acc.add(null);
    this.prediction.merge(o.prediction);
    this.latency.merge(o.latency);
    this.rows += o.rows;
    this.firstId = Math.min(this.firstId, o.firstId);
    this.lastId = Math.max(this.lastId, o.lastId);
    this.firstMs = Math.min(this.firstMs, o.firstMs);
    this.lastMs = Math.max(this.lastMs, o.lastMs);
    return this;
  }
}
