/**
 * Ids kept in creation order (by a global sequence number) with O(log n) resume-after-seq,
 * so a page of DescribeWorkspaces costs O(page), not O(fleet).
 */
export class SeqIndex {
  private readonly seqs: number[] = [];
  private readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  add(seq: number, id: string): void {
    // sequence numbers only grow, so appending keeps the order; restored data may arrive unordered
    if (this.seqs.length === 0 || this.seqs[this.seqs.length - 1] < seq) {
      this.seqs.push(seq);
      this.ids.push(id);
      return;
    }
    const at = this.firstAfter(seq);
    this.seqs.splice(at, 0, seq);
    this.ids.splice(at, 0, id);
  }

  remove(seq: number): void {
    const at = this.firstAfter(seq - 1);
    if (this.seqs[at] === seq) {
      this.seqs.splice(at, 1);
      this.ids.splice(at, 1);
    }
  }

  /** Ids after `afterSeq` in order, lazily. */
  *after(afterSeq: number): Generator<string> {
    for (let i = this.firstAfter(afterSeq); i < this.ids.length; i++) yield this.ids[i];
  }

  private firstAfter(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid] <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
