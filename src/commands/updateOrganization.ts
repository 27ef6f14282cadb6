import type { QuickPickItem } from 'vscode';
import type { Organization } from '../api';
import { runSteps, type Step } from '../ui/runSteps';
import type { CommandContext } from './CommandContext';
import { changedFields, labelChoices, nameProblem, rebaseEdit, valuesOf, visibilityName, type OrganizationValues } from './organizationFields';
import { PromptData, promptLabels, promptOwner, promptVisibility } from './organizationPrompts';
import { withRetryOffer } from './offerRetry';
import { targetOrganization } from './organizationTarget';

type Field = 'name' | 'owner' | 'labels' | 'visibility';

interface FieldItem extends QuickPickItem {
  field: Field;
}

interface UpdateState {
  fields: Field[];
  values: OrganizationValues;
}

/**
 * pipedrive.update: pick the fields to change (name, owner, labels, visibility), each prompt shows
 * the current value; one PUT with only the fields that really changed (none: no request).
 */
export async function updateOrganization(ctx: CommandContext, node?: unknown): Promise<void> {
  const target = await targetOrganization(ctx, node, 'Edit organization');
  const client = ctx.requireClient();
  const title = `Edit "${target.name}"`;
  const data = new PromptData(ctx);
  const current = await currentRecord(ctx, target.id);
  const before = valuesOf(current);
  const state: UpdateState = { fields: [], values: { ...before, labelIds: [...before.labelIds] } };

  const stepFor: Record<Field, Step<UpdateState>> = {
    name: async (s, position) => {
      s.values.name = await ctx.ui().showInputBox({ title, prompt: 'New name', value: s.values.name, validateInput: nameProblem, ...position });
    },
    owner: async (s, position) => {
      s.values.ownerId = await promptOwner(ctx, data, s.values.ownerId, title, position);
    },
    labels: async (s, position) => {
      s.values.labelIds = await promptLabels(ctx, data, s.values.labelIds, title, position);
    },
    visibility: async (s, position) => {
      s.values.visibleTo = (await promptVisibility(ctx, data, s.values.visibleTo, title, position, false)) ?? s.values.visibleTo;
    },
  };
  // runSteps reads the list as it goes: the first step decides which field prompts follow it.
  const steps: Step<UpdateState>[] = [
    async (s, position) => {
      const fields = await data.organizationFields().catch(() => []);
      const labels = new Map(labelChoices(fields).map((c) => [c.value, c.label]));
      const owner = ctx.store.knownUsers.get(before.ownerId ?? -1)?.name ?? current.owner_name ?? (before.ownerId ? `user ${before.ownerId}` : 'none');
      const items: FieldItem[] = [
        { field: 'name', label: 'Name', description: before.name },
        { field: 'owner', label: 'Owner', description: owner },
        { field: 'labels', label: 'Labels', description: before.labelIds.map((id) => labels.get(id) ?? `#${id}`).join(', ') || 'none' },
        { field: 'visibility', label: 'Visibility', description: visibilityName(before.visibleTo, fields) ?? 'unknown' },
      ].map((i) => ({ ...i, picked: s.fields.includes(i.field as Field) })) as FieldItem[];
      const picked = await ctx.ui().showQuickPick(items, { title, placeHolder: 'Which fields do you want to change? (Enter takes the highlighted one)', canPickMany: true, acceptHighlighted: true, ...position });
      s.fields = picked.map((p) => p.field);
      steps.splice(1, steps.length - 1, ...s.fields.map((f) => stepFor[f]));
    },
  ];
  await runSteps(state, steps);

  const input = changedFields(before, state.values);
  if (Object.keys(input).length === 0) {
    void ctx.ui().showInformationMessage(`Nothing changed: "${target.name}" was not updated.`);
    return;
  }
  const org = await withRetryOffer(ctx, `Saving the changes to "${target.name}"`, () => ctx.withProgress(`Updating "${target.name}"…`, async (signal) => {
    // Someone may have changed it while the prompts were open: send the edit on top of that.
    const latest = await client.getOrganizationRecord(target.id, { signal });
    let send = input;
    if (latest.update_time !== current.update_time) {
      const rebased = rebaseEdit(before, input, valuesOf(latest));
      if (rebased.conflicts.length) {
        await ctx.ui().showWarningMessage(
          `"${target.name}" was changed in Pipedrive while you edited it.`,
          { modal: true, detail: `Someone else also changed: ${rebased.conflicts.join(', ')}. Save your value${rebased.conflicts.length > 1 ? 's' : ''} over theirs? Their other changes are kept either way.` },
          { title: 'Save Mine' },
        );
      }
      if (rebased.labelsMerged) ctx.log.info(`Organization ${target.id}: labels changed meanwhile in Pipedrive were kept.`);
      send = rebased.input;
    }
    return client.updateOrganization(target.id, send, { signal });
  }));
  if (!org) return;
  ctx.store.applyUpdated(org);
  ctx.log.info(`Updated organization ${org.id} (${Object.keys(input).join(', ')}).`);
  if (input.name !== undefined) await ctx.reveal(org, { select: true, focus: false });
}

/**
 * The record as it is now (one GET, one token in today's API): the tree's copy can be hours old,
 * and "before" decides what counts as changed.
 */
async function currentRecord(ctx: CommandContext, id: number): Promise<Organization> {
  return ctx.withProgress('Loading the organization…', (signal) => ctx.requireClient().getOrganizationRecord(id, { signal }));
}
