// Uniform grid index over bounding boxes. Items are numbered 0..n; queries visit each item once.

import type { Pt } from './geometry';

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function boxOf(points: readonly Pt[], margin = 0): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin };
}

export class GridIndex {
  private readonly cells = new Map<number, number[]>();
  private stamps = new Int32Array(1024);
  private stamp = 0;

  constructor(readonly cellSize: number) {}

  private key(ix: number, iy: number): number {
    return (ix + 1_000_000) * 2_000_003 + (iy + 1_000_000);
  }

  insert(id: number, box: Box): void {
    if (id >= this.stamps.length) {
      const grown = new Int32Array(Math.max(id + 1, this.stamps.length * 2));
      grown.set(this.stamps);
      this.stamps = grown;
    }
    const x0 = Math.floor(box.minX / this.cellSize);
    const x1 = Math.floor(box.maxX / this.cellSize);
    const y0 = Math.floor(box.minY / this.cellSize);
    const y1 = Math.floor(box.maxY / this.cellSize);
    for (let ix = x0; ix <= x1; ix++) {
      for (let iy = y0; iy <= y1; iy++) {
        const key = this.key(ix, iy);
        const list = this.cells.get(key);
        if (list) list.push(id);
        else this.cells.set(key, [id]);
      }
    }
  }

  /** Calls visit(id) once per item whose cells meet the box; stop early by returning true. */
  // biome-ignore lint/suspicious/noConfusingVoidType: visitors that never stop early return nothing
  query(box: Box, visit: (id: number) => boolean | void): void {
    this.stamp++;
    if (this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    const x0 = Math.floor(box.minX / this.cellSize);
    const x1 = Math.floor(box.maxX / this.cellSize);
    const y0 = Math.floor(box.minY / this.cellSize);
    const y1 = Math.floor(box.maxY / this.cellSize);
    for (let ix = x0; ix <= x1; ix++) {
      for (let iy = y0; iy <= y1; iy++) {
        const list = this.cells.get(this.key(ix, iy));
        if (!list) continue;
        for (const id of list) {
          if (this.stamps[id] === this.stamp) continue;
          this.stamps[id] = this.stamp;
          if (visit(id) === true) return;
        }
      }
    }
  }

  /** All cell lists (for pairwise scans such as segment noding). */
  forEachCell(visit: (ids: readonly number[]) => void): void {
    for (const list of this.cells.values()) visit(list);
  }
}
