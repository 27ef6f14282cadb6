// pipedrive.bulkEdit ("Edit Selected Organizations…"): one change (owner, labels added or
// removed, visibility, follow or unfollow) for every selected organization, with one confirm,
// progress with Cancel, and a result that names what failed and offers Retry for those only.
import type { QuickPickItem } from 'vscode';
import type { PipedriveClient } from '../api';
import type { OrganizationActions } from '../model/OrganizationActions';
import { runSteps, type Step } from '../ui/runSteps';
import type { PromptStep } from '../ui/UserInput';
import { describeChange, type BulkChange } from './bulkEditChange';
import { summarize } from './bulkEditResult';
import { confirmList } from './confirmList';
import { runBulkEdit } from './bulkEditRun';
import type { CommandContext } from './CommandContext';
import { labelChoices, visibilityChoices } from './editValues';
import { PromptData, promptOwner, promptVisibility } from './organizationPrompts';
import { organizationsOfSelection } from './organizationTarget';
import { pickOrganization, type PickedOrganization } from './pickOrganization';
import { t } from '../util/l10n';

const applyAction = () => ({ title: t('Apply') });

type Kind = BulkChange['kind'];

interface KindItem extends QuickPickItem {
  change: Kind;
}

interface ValueItem<T> extends QuickPickItem {
  value: T;
}

/** For callers that cancel without the notification's Cancel button (a test, another command). */
export interface BulkEditRunOptions {
  readonly signal?: AbortSignal;
}

/**
 * The command: VS Code passes (clicked node, selected nodes) from the tree; from the palette the
 * view's selection counts when it has several organizations, else the person picks them by search.
 */
export async function bulkEdit(ctx: CommandContext, node?: unknown, selected?: unknown, run: BulkEditRunOptions = {}): Promise<void> {
  const client = ctx.requireClient();
  let orgs = organizationsOfSelection(ctx, node, selected);
  if (orgs.length === 0) {
    const inView = organizationsOfSelection(ctx, undefined, ctx.treeView.selection);
    orgs = inView.length > 1 ? inView : await pickOrganizations(ctx);
  }
  const title = orgs.length === 1 ? t('Edit 1 organization') : t('Edit {0} organizations', orgs.length);
  const change = await askChange(ctx, title, orgs);
  await ctx.ui().showWarningMessage(
    t('{0}: {1}?', title, describeChange(change)),
    { modal: true, detail: t('Each is changed in Pipedrive, for everyone in your company:\n{0}', confirmList(orgs)) },
    applyAction(),
  );
  // Bound to this account: a switch while it runs (or before a Retry) sends nothing to the other company.
  await applyAndReport(ctx, client, ctx.actions.pin(), orgs, change, run.signal);
}

/**
 * Sends a confirmed change and reports. Retry (after failures) and Continue (after a cancel) send
 * it again to the organizations not done, without asking again.
 */
async function applyAndReport(ctx: CommandContext, client: PipedriveClient, actions: OrganizationActions, orgs: PickedOrganization[], change: BulkChange, outer?: AbortSignal): Promise<void> {
  // Each change goes through the actions (client call, then the store), as it happens.
  const result = await ctx.withProgress(t('Editing {0}: {1}…', plural(orgs.length), describeChange(change)), (signal) =>
    runBulkEdit(client, actions, orgs, change, linked(signal, outer)),
  );
  const summary = summarize(change, result);
  const ids = (status: string) => result.outcomes.filter((o) => o.status === status).map((o) => o.org.id).join(', ') || 'none';
  ctx.log.info(`Bulk edit (${change.kind}) of ${orgs.length}: changed ${ids('changed')}; no change needed ${ids('unchanged')}; not done ${summary.again.map((o) => o.id).join(', ') || 'none'}.`);
  for (const o of result.outcomes) {
    if (o.status !== 'failed') continue;
    const e = o.error as { kind?: string; status?: number; route?: string; message?: string };
    ctx.log.warn(ctx.auth.redact(`Bulk edit of organization ${o.org.id} failed (${e.kind ?? 'error'}${e.status ? ` ${e.status}` : ''}${e.route ? `, ${e.route}` : ''}): ${e.message ?? String(o.error)}`));
  }
  const choices = summary.action && summary.again.length ? [summary.action] : [];
  if (summary.severity === 'info') {
    // Not awaited: a notification stays until dismissed, and the command is done.
    void ctx.ui().showInformationMessage(summary.message);
    return;
  }
  const answer = result.cancelled ? await ctx.ui().showInformationMessage(summary.message, ...choices) : await ctx.ui().showErrorMessage(summary.message, ...choices);
  if (answer && answer === summary.action) await applyAndReport(ctx, client, actions, summary.again, change);
}

/** The change, in two steps (what, then the value) with Back between them. */
async function askChange(ctx: CommandContext, title: string, orgs: readonly PickedOrganization[]): Promise<BulkChange> {
  const data = new PromptData(ctx);
  const having = labelCounts(ctx, orgs);
  const state: { kind?: Kind; change?: BulkChange } = {};
  const valueStep: Record<Kind, Step<typeof state>> = {
    owner: async (s, position) => {
      const id = await promptOwner(ctx, data, undefined, title, position);
      const user = (await data.activeUsers()).find((u) => u.id === id);
      s.change = { kind: 'owner', ownerId: id, ownerName: user?.name ?? t('user {0}', id) };
    },
    addLabels: async (s, position) => {
      s.change = { kind: 'addLabels', labels: await promptLabelSet(ctx, data, title, t('Labels to add to each organization (its other labels stay)'), position, having) };
    },
    removeLabels: async (s, position) => {
      s.change = { kind: 'removeLabels', labels: await promptLabelSet(ctx, data, title, t('Labels to remove from each organization (its other labels stay)'), position, having) };
    },
    visibility: async (s, position) => {
      const value = await promptVisibility(ctx, data, undefined, title, position, false);
      const fields = await data.organizationFields();
      const choice = visibilityChoices(fields).find((c) => c.value === value);
      if (!choice) throw new Error(t('Pick a visibility.'));
      s.change = { kind: 'visibility', visibleTo: choice.value, visibilityName: choice.label };
    },
    follow: async (s, position) => {
      s.change = { kind: 'follow', ...(await promptFollower(ctx, data, title, t('Who should follow these organizations?'), position)) };
    },
    unfollow: async (s, position) => {
      s.change = { kind: 'unfollow', ...(await promptFollower(ctx, data, title, t('Who should stop following these organizations?'), position)) };
    },
  };
  const kinds: KindItem[] = [
    { change: 'owner', label: t('Set owner') },
    { change: 'addLabels', label: t('Add labels'), description: t('each keeps its other labels') },
    { change: 'removeLabels', label: t('Remove labels'), description: t('each keeps its other labels') },
    { change: 'visibility', label: t('Set visibility') },
    { change: 'follow', label: t('Follow') },
    { change: 'unfollow', label: t('Unfollow') },
  ];
  await runSteps(state, [
    async (s, position) => {
      s.kind = (await ctx.ui().showQuickPick(kinds, { title, placeHolder: t('What should change on every one of them?'), ...position })).change;
    },
    (s, position) => valueStep[s.kind!](s, position),
  ]);
  return state.change!;
}

/**
 * How many of the organizations have each label, as the tree last loaded them (a hint in the
 * label list; the edit itself reads each organization's labels first). Undefined when unknown.
 */
function labelCounts(ctx: CommandContext, orgs: readonly PickedOrganization[]): ((labelId: number) => string | undefined) {
  const records = orgs.map((o) => ctx.store.summaryOf(o.id)?.record);
  if (records.some((r) => !r || !Array.isArray(r.label_ids))) return () => undefined;
  return (id) => t('{0} of {1} have it', records.filter((r) => r!.label_ids!.includes(id)).length, orgs.length);
}

async function promptLabelSet(
  ctx: CommandContext,
  data: PromptData,
  title: string,
  placeHolder: string,
  position: PromptStep,
  having: (labelId: number) => string | undefined,
): Promise<Array<{ id: number; name: string }>> {
  const items = data.organizationFields().then((fields) => labelChoices(fields).map<ValueItem<number>>((c) => ({ label: c.label, value: c.value, description: having(c.value) })));
  if ((await items).length === 0) throw new Error(t('This Pipedrive account has no organization labels.'));
  // Enter with nothing ticked takes the highlighted label: "none" is no answer here.
  const picked = await ctx.ui().showQuickPick(items, { title, placeHolder, canPickMany: true, acceptHighlighted: true, ...position });
  return picked.map((p) => ({ id: p.value, name: p.label }));
}

async function promptFollower(ctx: CommandContext, data: PromptData, title: string, placeHolder: string, position: PromptStep): Promise<{ userId: number; userName: string; isMe: boolean }> {
  const me = ctx.auth.user;
  const items = data.activeUsers().then((users) => {
    const mine = users.find((u) => u.id === me?.id) ?? me;
    return [
      ...(mine ? [{ label: t('Me ({0})', mine.name), value: mine, detail: mine.email }] : []),
      ...users.filter((u) => u.id !== me?.id).map((u) => ({ label: u.name, value: u, detail: u.email })),
    ];
  });
  const picked = await ctx.ui().showQuickPick(items, { title, placeHolder, matchOnDetail: true, ...position });
  return { userId: picked.value.id, userName: picked.value.name, isMe: picked.value.id === me?.id };
}

/** From the palette with fewer than two selected in the view: search and add, one at a time. */
async function pickOrganizations(ctx: CommandContext): Promise<PickedOrganization[]> {
  const picked: PickedOrganization[] = [];
  for (;;) {
    if (picked.length) {
      const items: Array<ValueItem<boolean>> = [
        { label: t('Edit these {0}', plural(picked.length)), detail: picked.map((o) => o.name).join(', '), value: true },
        { label: t('Add another organization…'), value: false },
      ];
      const next = await ctx.ui().showQuickPick(items, { title: t('Edit organizations'), placeHolder: t('{0} picked', plural(picked.length)) });
      if (next.value) return picked;
    }
    const org = await pickOrganization(ctx, { title: t('Edit organizations: pick organization {0}', picked.length + 1) });
    if (!picked.some((o) => o.id === org.id)) picked.push(org);
  }
}

/** A signal that aborts when either does (the notification's Cancel, or the caller's). */
function linked(signal: AbortSignal, outer: AbortSignal | undefined): AbortSignal {
  if (!outer) return signal;
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (signal.aborted || outer.aborted) abort();
  signal.addEventListener('abort', abort, { once: true });
  outer.addEventListener('abort', abort, { once: true });
  return controller.signal;
}

function plural(n: number): string {
  return n === 1 ? t('1 organization') : t('{0} organizations', n);
}
