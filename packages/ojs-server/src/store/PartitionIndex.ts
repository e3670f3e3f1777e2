import { SortedNumberList } from '../util/SortedNumberList';
import { partitionKeys } from './partitions';
import type { JobRecord } from './records';

type PartitionSubject = Pick<JobRecord, 'type' | 'queue' | 'state' | 'deadLetterAt' | 'cseq'>;

const EMPTY = new SortedNumberList();

/**
 * The listing partitions of {@link partitionKeys}: one sorted list of creation sequences per state / queue /
 * type combination (and the dead letter queue). Positions, ranks and sizes are O(log n), so counts are O(1)
 * and a page at any offset costs the same as the first.
 */
export class PartitionIndex {
  #partitions = new Map<string, SortedNumberList>();
  /** type -> queue -> state -> [not dead-lettered, dead-lettered] lists, resolved once. */
  #cache = new Map<string, Map<string, Map<string, SortedNumberList[][]>>>();

  /** The list of a partition key (an empty list when no job was ever in it). */
  get(key: string): SortedNumberList {
    return this.#partitions.get(key) ?? EMPTY;
  }

  size(key: string): number {
    return this.#partitions.get(key)?.size ?? 0;
  }

  #list(key: string): SortedNumberList {
    let list = this.#partitions.get(key);
    if (!list) {
      list = new SortedNumberList();
      this.#partitions.set(key, list);
    }
    return list;
  }

  lists(job: Omit<PartitionSubject, 'cseq'>): SortedNumberList[] {
    let byQueue = this.#cache.get(job.type);
    if (!byQueue) {
      byQueue = new Map();
      this.#cache.set(job.type, byQueue);
    }
    let byState = byQueue.get(job.queue);
    if (!byState) {
      byState = new Map();
      byQueue.set(job.queue, byState);
    }
    let pair = byState.get(job.state);
    if (!pair) {
      pair = [];
      byState.set(job.state, pair);
    }
    const dlq = job.deadLetterAt !== undefined ? 1 : 0;
    let lists = pair[dlq];
    if (!lists) {
      lists = partitionKeys(job).map((key) => this.#list(key));
      pair[dlq] = lists;
    }
    return lists;
  }

  add(job: PartitionSubject): void {
    for (const list of this.lists(job)) list.add(job.cseq);
  }

  remove(job: PartitionSubject): void {
    for (const list of this.lists(job)) list.delete(job.cseq);
  }

  /** Move a job between partitions (only the lists that differ are touched). */
  move(prev: PartitionSubject, next: PartitionSubject): void {
    const before = this.lists(prev);
    const after = this.lists(next);
    if (before === after && prev.cseq === next.cseq) return;
    for (const list of before) if (!after.includes(list)) list.delete(prev.cseq);
    for (const list of after) if (!before.includes(list)) list.add(next.cseq);
  }

  clear(): void {
    this.#partitions.clear();
    this.#cache.clear();
  }
}
