// What IndexSync takes and tells: its limits, its options, what a run reports, an own write.
import type { Organization } from '../../api/records';
import type { IndexFile } from './IndexFile';
import type { IndexSource } from './IndexSource';
import type { OrganizationIndex } from './OrganizationIndex';

/** v2's largest page: 100,000 organizations in 200 requests. */
export const WALK_PAGE_LIMIT = 500;
export const RECENTS_PAGE_LIMIT = 500;
/**
 * How far back a catch-up may start. Pipedrive does not document how long recents reaches back;
 * a sync older than this walks again instead of trusting an answer that may have lost changes.
 */
export const RECENTS_MAX_AGE_MS = 30 * 24 * 3600_000;
/**
 * The watermark is set this far before the local time a sync started, so a client clock ahead of
 * Pipedrive's by less than this loses nothing; the overlap only re-reads a few recent changes.
 */
export const CLOCK_MARGIN_MS = 3600_000;

export interface SyncProgress {
  /** Organizations read so far in this walk. */
  readonly loaded: number;
  /** How many to expect (the size before a re-walk), when known; the v2 list sends no total. */
  readonly estimated?: number;
}

export interface SyncRunOptions {
  /** Cancel: a walk keeps what it read (a first walk then leaves the index not ready). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SyncProgress) => void;
}

/** Why a full walk is about to start: the host may ask first when the token budget is low. */
export type WalkReason = 'first' | 'incomplete' | 'refresh-all' | 'stale';

export interface WalkRequest {
  readonly reason: WalkReason;
  /** List requests to expect, when the index knows its size (10 tokens each). */
  readonly estimatedRequests?: number;
}

export type SyncOutcome =
  /** Recents applied since the watermark. */
  | 'caught-up'
  /** Every organization read (first sign-in, Refresh All, or a gap recents cannot cover). */
  | 'walked'
  /** Recents unavailable: the organizations changed since the watermark read from the v2 list. */
  | 'walked-changes'
  | 'cancelled'
  /** beforeWalk answered false: nothing was read. */
  | 'declined';

export interface SyncResult {
  readonly outcome: SyncOutcome;
  /** HTTP requests this run made. */
  readonly requests: number;
  /** Organizations added or changed, and removed, by this run. */
  readonly upserted: number;
  readonly removed: number;
  /** True when the index came from the file in this run. */
  readonly loadedFromDisk: boolean;
}

export interface IndexSyncOptions {
  readonly index: OrganizationIndex;
  readonly source: IndexSource;
  /** Where the index persists; without one the index lives for the session only. */
  readonly file?: IndexFile;
  /** One line per event worth a look in the output channel. */
  readonly log: (line: string) => void;
  readonly now?: () => number;
  readonly walkPageLimit?: number;
  readonly recentsPageLimit?: number;
  readonly recentsMaxAgeMs?: number;
  readonly clockMarginMs?: number;
  /** How long own writes wait before the file is written (several edits, one write). Default 2 s. */
  readonly saveDelayMs?: number;
  /**
   * Asked before every full walk (first sign-in, Refresh All, a gap recents cannot cover); false
   * skips it. The host asks the user here when the day's token budget is nearly spent.
   */
  readonly beforeWalk?: (request: WalkRequest) => Promise<boolean>;
}

/** The parts of a write the extension made itself (add, update, merge, delete). */
export interface OwnWrite {
  readonly upserted?: readonly Organization[];
  readonly removed?: readonly number[];
}
