import type { AddOrganizationInput, VisibleTo } from '../api';
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
  const org = await ctx.withProgress(`Adding "${input.name}"…`, (signal) => client.addOrganization(input, { signal }));
  ctx.store.applyCreated(org);
  ctx.log.info(`Added organization ${org.id}.`);
  await ctx.reveal(org, { select: true, focus: true });
}
