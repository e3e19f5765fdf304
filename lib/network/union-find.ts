/** Disjoint sets over 0..n-1 with path halving and union by size. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  /** Every parent stored is in range, so only an element outside 0..n-1 reads undefined. */
  private parentOf(i: number): number {
    const parent = this.parent[i];
    if (parent === undefined) throw new RangeError(`element ${i} is outside the sets 0..${this.parent.length - 1}`);
    return parent;
  }

  find(i: number): number {
    let parent = this.parentOf(i);
    while (parent !== i) {
      const grandparent = this.parentOf(parent);
      this.parent[i] = grandparent;
      i = grandparent;
      parent = this.parentOf(i);
    }
    return i;
  }

  union(i: number, j: number): void {
    let a = this.find(i);
    let b = this.find(j);
    if (a === b) return;
    let sizeA = this.size[a] ?? 0;
    let sizeB = this.size[b] ?? 0;
    if (sizeA < sizeB) {
      [a, b] = [b, a];
      [sizeA, sizeB] = [sizeB, sizeA];
    }
    this.parent[b] = a;
    this.size[a] = sizeA + sizeB;
  }
}
