import { PipedriveError, type AddOrganizationInput, type Organization, type PipedriveClient, type VisibleTo } from '../api';
import { errorMessage, isCancellation } from '../util/errors';
import { SHOW_DETAILS } from './errorBoundary';
import { RETRY } from './offerRetry';
import { runSteps, type Step } from '../ui/runSteps';
import type { CommandContext } from './CommandContext';
import { checkAddTime, nameProblem } from './organizationFields';
import { PromptData, promptLabels, promptOwner, promptVisibility } from './organizationPrompts';

const TITLE = 'Add Pipedrive organization';

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
  const state: AddState = { name: '', ownerId: ctx.auth.user?.id, labelIds: [], addTime: '' };
  const steps: Step<AddState>[] = [
    async (s, position) => {
      s.name = await ctx.ui().showInputBox({ title: TITLE, prompt: 'Name of the organization', value: s.name, validateInput: nameProblem, ...position });
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
          prompt: 'Add time, YYYY-MM-DD HH:MM:SS in UTC (optional: leave empty for now)',
          placeHolder: 'YYYY-MM-DD HH:MM:SS',
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
  ctx.store.applyCreated(org);
  ctx.log.info(`Added organization ${org.id}.`);
  await ctx.reveal(org, { select: true, focus: true });
}

/** How far before the request recents looks for the organization a lost answer may have created. */
const LOST_ANSWER_MARGIN_MS = 2 * 60_000;

/**
 * Sends the add. When it fails, the answers are kept: the message offers Retry with the same
 * ones. When the answer was lost (reset, timeout, 5xx), Pipedrive is asked first whether the
 * organization was created after all (one /v1/recents request), so a Retry never makes a duplicate.
 * Resolves undefined when the person lets it go.
 */
async function addKeepingAnswers(ctx: CommandContext, client: PipedriveClient, input: AddOrganizationInput): Promise<Organization | undefined> {
  for (;;) {
    const startedAt = Date.now();
    try {
      return await ctx.withProgress(`Adding "${input.name}"…`, (signal) => client.addOrganization(input, { signal }));
    } catch (e) {
      if (isCancellation(e) || !(e instanceof PipedriveError) || e.kind === 'validation' || e.kind === 'auth') throw e;
      ctx.log.error(ctx.auth.redact(`Adding "${input.name}" failed (${e.kind}${e.status ? ` ${e.status}` : ''}, ${e.operation}${e.route ? `, ${e.route}` : ''}).`));
      let notCreated = '';
      if (e.uncertain) {
        const created = await findCreated(client, input, startedAt).catch((checkError: unknown) => {
          ctx.log.warn(`Could not check whether "${input.name}" was created: ${errorMessage(checkError)}`);
          return null;
        });
        if (created) {
          void ctx.ui().showInformationMessage(`Pipedrive's answer was lost, but "${created.name}" was created.`);
          return created;
        }
        // null: the check failed too, so nothing is known; undefined: Pipedrive has no such organization.
        notCreated = created === undefined ? ' It was not created.' : ' Check in Pipedrive before you retry: it may have been created.';
      }
      const reason = errorMessage(e).replace(/ The change may or may not have been applied[^.]*\./, '');
      const action = await ctx.ui().showErrorMessage(ctx.auth.redact(`Adding "${input.name}" failed: ${reason}${notCreated}`), RETRY, SHOW_DETAILS);
      if (action === SHOW_DETAILS) ctx.log.show(true);
      if (action !== RETRY) return undefined;
    }
  }
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
