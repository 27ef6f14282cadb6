// The organization store: every page the tree has loaded, the cursors to the next ones, the scope
// and sort they were loaded with, and one change event. The tree provider only maps this state to
// TreeItems; commands change it through the apply* methods without reloading everything.
// No vscode import: the store is tested with plain mocha (test/unit/model/store*.test.ts).
import type { CallOptions, Organization, User } from '../api';
import { Emitter, type Event } from '../util/Emitter';
import { groupOf } from '../api/firstChar';
import { parseSort } from '../api/sortSpec';
import type { StoreIndex } from './indexLists';
import { LetterSet, letterOf } from './letters';
import { ListSources, type StoreBackend } from './listSources';
import { ListPager } from './ListPager';
import type { PagedList } from './PagedList';
import { moveToFront, placeInSorted } from './placement';
import { mergeSummary, summaryFromOrganization, type OrgSummary } from './OrgSummary';

export { RECENT_DAYS, recentFallbackNotice, v1DateTime, type StoreBackend } from './listSources';

// Kept here too, so code that imports them from the store keeps working.
export { GROUPS, RECENT_KEY, groupKey, letterKey, parseListKey, type GroupItem, type GroupKind, type ListKey } from './listKeys';
import { GROUPS, RECENT_KEY, groupKey, letterKey, parseListKey, type GroupKind, type ListKey } from './listKeys';

export { clampPageSize, listErrorMessage, type OrganizationChangeEvent, type OwnerScope, type StoreChange, type StoreSettings } from './storeTypes';
import { clampPageSize, type OrganizationChangeEvent, type OwnerScope, type StoreChange, type StoreSettings } from './storeTypes';
import { t } from '../util/l10n';

export class OrganizationStore {
  private readonly changed = new Emitter<StoreChange>();
  /** Fired with what changed; `{kind:'root'}` means "everything may have changed". */
  readonly onDidChange: Event<StoreChange> = this.changed.event;
  private readonly orgChanged = new Emitter<OrganizationChangeEvent>();
  /**
   * Fired by every apply* that changes an organization in Pipedrive (update, follow, delete — one
   * or many —, merge): the one place every command path goes through.
   */
  readonly onDidChangeOrganization: Event<OrganizationChangeEvent> = this.orgChanged.event;

  private backend: StoreBackend | undefined;
  private settings: StoreSettings;
  private scopeValue: OwnerScope = {};
  private readonly pager: ListPager = new ListPager({
    fetcherFor: (key) => this.sources.fetcherFor(key),
    pageSize: () => this.settings.pageSize,
    settled: (list) => {
      this.noteLetters(list);
      this.fire({ kind: 'list', key: list.key as ListKey });
    },
    changed: (key) => this.fire({ kind: 'list', key }),
  });
  private readonly orgs = new Map<number, OrgSummary>();
  private readonly letterSet = new LetterSet();
  private users = new Map<number, User>();
  private readonly sources = new ListSources({
    backend: () => this.requireBackend(),
    index: () => this.index,
    ownerId: () => this.scopeValue.ownerId,
    filterId: () => this.scopeValue.filterId,
    sort: () => this.settings.sort,
    users: () => this.users,
    now: () => this.now(),
    remember: (summary) => this.remember(summary),
  });
  /** The account's local organization index, when linked (today's API): letters cost no request. */
  private indexLink: StoreIndex | undefined;
  private indexSub: { dispose(): void } | undefined;
  private rootPending = false;

  constructor(
    settings: Partial<StoreSettings> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.settings = { pageSize: clampPageSize(settings.pageSize), sort: settings.sort || 'name ASC' };
  }

  // ---- configuration ------------------------------------------------------------------------

  /** The client to load with (undefined when signed out). Clears everything. */
  setBackend(backend: StoreBackend | undefined): void {
    this.backend = backend;
    this.sources.reset();
    this.reset(false);
  }

  /**
   * Links the account's organization index (or unlinks with undefined). While linked and no saved
   * filter is chosen, letters, their counts, owner scope, sort and "Recently changed" come from it.
   */
  setIndex(link: StoreIndex | undefined): void {
    this.indexSub?.dispose();
    this.indexLink = link;
    this.indexSub = link?.view.onDidChange(() => this.onIndexChange());
    this.reset(true);
  }

  /** True when the lists read the local index (no request) rather than Pipedrive. */
  get indexBacked(): boolean {
    return this.indexLink !== undefined && this.scopeValue.filterId === undefined;
  }

  /** The index, when the lists read it. */
  get index(): StoreIndex['view'] | undefined {
    return this.indexBacked ? this.indexLink?.view : undefined;
  }

  get hasBackend(): boolean {
    return this.backend !== undefined;
  }
  get pageSize(): number {
    return this.settings.pageSize;
  }
  get sort(): string {
    return this.settings.sort;
  }

  /** New page size or sort: reloads, keeping how many items each list showed. */
  configure(settings: Partial<StoreSettings>): void {
    const next = { pageSize: clampPageSize(settings.pageSize ?? this.settings.pageSize), sort: settings.sort || this.settings.sort };
    if (next.pageSize === this.settings.pageSize && next.sort === this.settings.sort) return;
    this.settings = next;
    this.reset(true);
  }

  get scope(): Readonly<OwnerScope> {
    return this.scopeValue;
  }

  setScope(scope: OwnerScope): void {
    this.scopeValue = { ...scope };
    this.reset(true);
  }

  /** Users by id, for owner names the lean collection records lack. */
  setUsers(users: readonly User[]): void {
    this.users = new Map(users.map((u) => [u.id, u]));
  }

  get knownUsers(): ReadonlyMap<number, User> {
    return this.users;
  }

  // ---- reading --------------------------------------------------------------------------------

  /** The root letters in display order (from the index: the groups that have organizations, Other last). */
  get letters(): string[] {
    const index = this.index;
    if (index) return index.groups(this.scopeValue.ownerId).map((g) => g.key);
    return this.letterSet.sorted();
  }

  /** How many organizations a letter has in scope, when the index knows (undefined otherwise). */
  letterCount(letter: string): number | undefined {
    return this.index?.groups(this.scopeValue.ownerId).find((g) => g.key === letter)?.count;
  }

  /** The root letter a name belongs under: the index's groups (with Other) or the first character. */
  letterOfName(name: string): string {
    return this.indexBacked ? groupOf(name) : letterOf(name);
  }

  /** What the store knows of an organization (no request; the client's getOrganization reads Pipedrive). */
  summaryOf(id: number): OrgSummary | undefined {
    return this.orgs.get(id);
  }

  /** The list for a key (created idle when new). */
  list<T = unknown>(key: ListKey): PagedList<T> {
    return this.pager.list<T>(key);
  }

  /** The list if it exists, without creating it. */
  peek<T = unknown>(key: ListKey): PagedList<T> | undefined {
    return this.pager.peek<T>(key);
  }

  /** The organizations of a letter or of "Recently changed", in order. */
  organizations(key: `letter:${string}` | 'recent'): OrgSummary[] {
    return this.list<number>(key)
      .items.map((id) => this.orgs.get(id))
      .filter((o): o is OrgSummary => o !== undefined);
  }

  /** The letter list an organization belongs under (by its name). */
  letterKeyOf(orgId: number): ListKey | undefined {
    const org = this.orgs.get(orgId);
    return org ? letterKey(this.letterOfName(org.name)) : undefined;
  }

  // ---- loading ----------------------------------------------------------------------------

  // Paging (see ListPager): the first page, the next one, the failed one again; never rejects.
  ensureLoaded(key: ListKey, call: CallOptions = {}): Promise<void> {
    return this.pager.ensureLoaded(key, call);
  }
  loadMore(key: ListKey, call: CallOptions = {}): Promise<void> {
    return this.pager.loadMore(key, call);
  }
  retry(key: ListKey, call: CallOptions = {}): Promise<void> {
    return this.pager.retry(key, call);
  }

  /**
   * Forgets every loaded page and refetches lazily: each list remembers how many items it showed
   * and its next first load fetches that many again (one request up to 500).
   */
  refresh(): void {
    this.reset(true);
    // With an index the lists reload locally; what changed in Pipedrive comes through recents.
    if (this.indexBacked) this.indexLink?.catchUp();
  }

  /** Forgets every loaded page and the counts refresh() would keep (everything collapsed). */
  clear(): void {
    this.reset(false);
  }

  // ---- changes made by commands ---------------------------------------------------------------

  /** A new organization: shown under its letter (where the loaded range covers it) and in Recently changed. */
  applyCreated(org: Organization): void {
    this.indexLink?.ownWrite({ upserted: [org] });
    const summary = this.remember(summaryFromOrganization(org));
    this.placeInLetter(summary, false);
    this.placeInRecent(summary.id);
  }

  /** An updated organization (also a rename: it moves to its new letter). */
  applyUpdated(org: Organization): void {
    const before = this.orgs.get(org.id);
    this.indexLink?.ownWrite({ upserted: [org] });
    const summary = this.remember(summaryFromOrganization(org));
    const oldKey = before ? letterKey(this.letterOfName(before.name)) : undefined;
    const newKey = letterKey(this.letterOfName(summary.name));
    if (oldKey && oldKey !== newKey) {
      const list = this.peek<number>(oldKey);
      if (list?.remove(org.id)) this.fire({ kind: 'list', key: oldKey });
      this.placeInLetter(summary, false);
    } else {
      const list = this.peek<number>(newKey);
      if (list && list.indexOf(org.id) < 0) this.placeInLetter(summary, false);
    }
    this.placeInRecent(summary.id);
    this.fire({ kind: 'org', id: org.id });
    this.orgChanged.fire({ id: org.id, kind: 'updated' });
  }

  /** Deleted organizations leave every list. */
  applyDeleted(ids: readonly number[]): void {
    this.indexLink?.ownWrite({ removed: ids });
    this.forget(ids);
    for (const id of ids) this.orgChanged.fire({ id, kind: 'deleted' });
  }

  /** `mergedId` was merged into `survivor`: the first disappears, the second's groups reload. */
  applyMerged(mergedId: number, survivor: Organization): void {
    this.indexLink?.ownWrite({ removed: [mergedId], upserted: [survivor] });
    this.forget([mergedId]);
    this.orgChanged.fire({ id: mergedId, kind: 'merged' });
    this.applyUpdated(survivor);
    this.invalidateGroups(survivor.id);
  }

  private forget(ids: readonly number[]): void {
    for (const id of ids) {
      for (const key of this.pager.dropOrganization(id)) this.fire({ kind: 'list', key });
      this.orgs.delete(id);
    }
  }

  /** The signed-in user now follows (or no longer follows) the organization. */
  applyFollowChanged(orgId: number, followed: boolean): void {
    this.followersMoved(orgId, followed ? 1 : -1, followed);
  }

  /** Another user started (+1) or stopped (-1) following: the count moves, the Followers group reloads. */
  applyFollowerCountChanged(orgId: number, delta: number): void {
    this.followersMoved(orgId, delta);
  }

  private followersMoved(orgId: number, delta: number, followed?: boolean): void {
    const org = this.orgs.get(orgId);
    if (org) {
      const count = org.counts.followers;
      const followers = count === undefined ? undefined : Math.max(0, count + delta);
      this.orgs.set(orgId, { ...org, ...(followed === undefined ? {} : { followed }), counts: { ...org.counts, followers } });
    }
    this.invalidateGroup(orgId, 'followers');
    this.fire({ kind: 'org', id: orgId });
    this.orgChanged.fire({ id: orgId, kind: 'updated' });
  }

  /** Forgets an organization's loaded groups (persons, deals, ...) so they load again when shown. */
  invalidateGroups(orgId: number): void {
    for (const g of GROUPS) this.invalidateGroup(orgId, g);
    this.fire({ kind: 'org', id: orgId });
  }

  invalidateGroup(orgId: number, group: GroupKind): void {
    const key = groupKey(orgId, group);
    if (this.pager.drop(key)) this.fire({ kind: 'list', key });
  }

  /** Records organizations seen elsewhere (search results): their letters join the root. */
  noteOrganizations(orgs: ReadonlyArray<Organization | { id: number; name: string }>): void {
    for (const o of orgs) {
      if ('owner_id' in o) this.remember(summaryFromOrganization(o as Organization));
      this.addLetter(this.letterOfName(o.name));
    }
  }

  /**
   * Makes sure the organization is a child of its letter, so TreeView.reveal can find it (e.g. a
   * search hit on a page not loaded yet). It shows in sort order among the loaded items.
   */
  pin(org: Organization): void {
    const summary = this.remember(summaryFromOrganization(org));
    this.placeInLetter(summary, true);
  }

  dispose(): void {
    this.indexSub?.dispose();
    this.pager.dispose();
    this.changed.dispose();
    this.orgChanged.dispose();
  }

  // ---- internals ------------------------------------------------------------------------------

  private reset(keepCounts: boolean): void {
    this.pager.reset(keepCounts);
    this.orgs.clear();
    this.fire({ kind: 'root' });
  }

  private requireBackend(): StoreBackend {
    if (!this.backend) throw new Error(t('Sign in to Pipedrive to load organizations.'));
    return this.backend;
  }

  /**
   * The index changed (a page of the first walk, a catch-up, an own write): every loaded letter and
   * "Recently changed" list is read again from it (no request, same count shown), and the root once
   * per burst of changes (letters and counts).
   */
  private onIndexChange(): void {
    const index = this.index;
    if (!index) return;
    const reread = (key: ListKey, shown: number) => {
      const parsed = parseListKey(key);
      if (parsed?.kind === 'letter') return this.sources.localLetter(parsed.letter, 0, shown);
      return parsed?.kind === 'recent' ? this.sources.localRecent(0, shown) : undefined;
    };
    for (const key of this.pager.replaceLoaded(reread)) this.fire({ kind: 'list', key });
    if (this.rootPending) return;
    this.rootPending = true;
    queueMicrotask(() => {
      this.rootPending = false;
      this.fire({ kind: 'root' });
    });
  }

  private remember(summary: OrgSummary): OrgSummary {
    const merged = mergeSummary(this.orgs.get(summary.id), summary);
    if (merged.ownerName === undefined && merged.ownerId !== undefined) merged.ownerName = this.users.get(merged.ownerId)?.name;
    this.orgs.set(summary.id, merged);
    return merged;
  }

  /** "Recently changed" can show organizations of letters not seen yet: they join the root. */
  private noteLetters(list: PagedList<unknown>): void {
    if (list.key !== RECENT_KEY) return;
    const names = (list.items as number[]).map((id) => this.orgs.get(id)?.name).filter((n): n is string => n !== undefined);
    if (names.map((n) => this.letterSet.add(this.letterOfName(n))).some(Boolean)) this.fire({ kind: 'root' });
  }

  private addLetter(letter: string): void {
    if (this.letterSet.add(letter)) this.fire({ kind: 'root' });
  }

  private placeInLetter(org: OrgSummary, pinned: boolean): void {
    const letter = this.letterOfName(org.name);
    this.addLetter(letter);
    const key = letterKey(letter);
    const list = this.peek<number>(key);
    if (list && placeInSorted(list, org, parseSort(this.settings.sort), (id) => this.orgs.get(id)?.name, pinned)) this.fire({ kind: 'list', key });
  }

  private placeInRecent(id: number): void {
    const list = this.peek<number>(RECENT_KEY);
    if (list?.loaded) {
      moveToFront(list, id);
      this.fire({ kind: 'list', key: RECENT_KEY });
    }
  }

  private fire(change: StoreChange): void {
    this.changed.fire(change);
  }
}
