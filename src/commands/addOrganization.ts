import type { AddOrganizationInput, Organization, PipedriveClient, VisibleTo } from '../api';
import { withRetryOffer } from './offerRetry';
import { runSteps, type Step } from '../ui/runSteps';
import type { CommandContext } from './CommandContext';
import { checkAddTime, nameProblem } from './editValues';
import { PromptData, promptLabels, promptOwner, promptVisibility } from './organizationPrompts';
import { t } from '../util/l10n';


interface AddState {
  name: string;
  ownerId?: number;
  labelIds: number[];
  visibleTo?: VisibleTo;
  addTime: string;
}

/**
 * pipedrive.add: name, owner (default: me), labels, visibility, optional add time — with Back —
 * then one POST /v1/organizations; the new organization shows (and is selected) under its letter.
 */
export async function addOrganization(ctx: CommandContext): Promise<void> {
  const client = ctx.requireClient();
  const data = new PromptData(ctx);
  const TITLE = t('Add Pipedrive organization');
  const state: AddState = { name: '', ownerId: ctx.auth.user?.id, labelIds: [], addTime: '' };
  const steps: Step<AddState>[] = [
    async (s, position) => {
      s.name = await ctx.ui().showInputBox({ title: TITLE, prompt: t('Name of the organization'), value: s.name, validateInput: nameProblem, ...position });
    },
    async (s, position) => {
      s.ownerId = await promptOwner(ctx, data, s.ownerId, TITLE, position);
    },
    async (s, position) => {
      s.labelIds = await promptLabels(ctx, data, s.labelIds, TITLE, position);
    },
    async (s, position) => {
      s.visibleTo = await promptVisibility(ctx, data, s.visibleTo, TITLE, position, true);
    },
    async (s, position) => {
      s.addTime = (
        await ctx.ui().showInputBox({
          title: TITLE,
          prompt: t('Add time, YYYY-MM-DD HH:MM:SS in UTC (optional: leave empty for now)'),
          placeHolder: t('YYYY-MM-DD HH:MM:SS'),
          value: s.addTime,
          validateInput: (v) => checkAddTime(v),
          ...position,
        })
      ).trim();
    },
  ];
  await runSteps(state, steps);
  const input: AddOrganizationInput = {
    name: state.name.trim(),
    owner_id: state.ownerId,
    label_ids: state.labelIds.length ? state.labelIds : undefined,
    visible_to: state.visibleTo,
    add_time: state.addTime || undefined,
  };
  const org = await addKeepingAnswers(ctx, client, input);
  if (!org) return;
  ctx.log.info(`Added organization ${org.id}.`);
  await ctx.reveal(org, { select: true, focus: true });
}

/** How far before the request recents looks for the organization a lost answer may have created. */
const LOST_ANSWER_MARGIN_MS = 2 * 60_000;

/**
 * Sends the add, keeping the answers for Retry. When the answer was lost, Pipedrive is asked first
 * whether the organization was created after all (one /v1/recents request), so a Retry never makes
 * a duplicate. Resolves undefined when the person lets it go.
 */
function addKeepingAnswers(ctx: CommandContext, client: PipedriveClient, input: AddOrganizationInput): Promise<Organization | undefined> {
  return withRetryOffer(
    ctx,
    t('Adding "{0}"', input.name),
    () => ctx.withProgress(t('Adding "{0}"…', input.name), (signal) => ctx.actions.add(input, { signal })),
    async (_e, startedAt) => {
      const created = await findCreated(client, input, startedAt);
      if (!created) return { note: t('It was not created.') };
      ctx.actions.created(created);
      void ctx.ui().showInformationMessage(t('Pipedrive\'s answer was lost, but "{0}" was created.', created.name));
      return { done: created };
    },
  );
}

/**
 * The organization a lost answer may have created: one with this name that recents reports as
 * added since just before the request. Undefined when there is none.
 */
async function findCreated(client: PipedriveClient, input: AddOrganizationInput, startedAt: number): Promise<Organization | undefined> {
  const since = new Date(startedAt - LOST_ANSWER_MARGIN_MS).toISOString().slice(0, 19).replace('T', ' ');
  const page = await client.listRecentOrganizations(since, { limit: 100 });
  const sinceMs = startedAt - LOST_ANSWER_MARGIN_MS;
  return page.items
    .map((i) => (i.deleted ? undefined : i.organization))
    .find((o): o is Organization => !!o && o.name === input.name && Date.parse(`${String(o.add_time ?? '').replace(' ', 'T')}Z`) >= sinceMs);
}
