// The contract between the persistent organization index (src/model/orgIndex) and its readers
// (the store's list sources, the tree, export). Readers see this view only, never the index's
// storage, so the index can keep compact records and the tree can be tested against a fake.
import type { Organization } from '../../api/records';
import type { SortSpec } from '../../api/sortSpec';

/** One root group of the tree: a first character from the data, or OTHER_GROUP (src/api/firstChar.ts). */
export interface IndexGroup {
  readonly key: string;
  readonly count: number;
}

export interface IndexQuery {
  /** A group key from groups(); undefined = every organization. */
  readonly group?: string;
  /** Only organizations this user owns (the owner scope). */
  readonly ownerId?: number;
  readonly sort: SortSpec;
  readonly start: number;
  readonly limit: number;
}

export interface IndexChange {
  /** Ids added or changed. */
  readonly upserted: readonly number[];
  /** Ids deleted or merged away. */
  readonly removed: readonly number[];
  /**
   * True after a load, a full walk or a clear, and when `ready` changes: readers drop what they
   * derived and ask again.
   */
  readonly reset: boolean;
}

export interface OrganizationIndexView {
  /** True once the index holds a complete set (loaded from disk or walked once). */
  readonly ready: boolean;
  readonly size: number;
  /** The groups that have organizations (for the owner when given), in display order, Other last. */
  groups(ownerId?: number): IndexGroup[];
  /** Filters, sorts (locale-aware collator) and pages locally: costs no request. */
  query(q: IndexQuery): { items: Organization[]; total: number };
  get(id: number): Organization | undefined;
  onDidChange(listener: (change: IndexChange) => void): { dispose(): void };
}
