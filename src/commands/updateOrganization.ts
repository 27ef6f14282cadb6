import type { QuickPickItem } from 'vscode';
import type { Organization } from '../api';
import { runSteps, type Step } from '../ui/runSteps';
import type { CommandContext } from './CommandContext';
import {
  changedFields,
  customRefName,
  customValueText,
  editableCustomFields,
  extraValuesOf,
  labelChoices,
  nameProblem,
  rebaseEdit,
  valuesOf,
  visibilityName,
  type CustomFieldSpec,
  type OrganizationValues,
} from './editValues';
import { PromptData, promptAddress, promptCustomField, promptLabels, promptOwner, promptVisibility } from './organizationPrompts';
import { withRetryOffer } from './offerRetry';
import { targetOrganization } from './organizationTarget';
import { t } from '../util/l10n';

/** A standard field, or a custom field by its key. */
type Field = 'name' | 'owner' | 'labels' | 'visibility' | 'address' | `custom:${string}`;

interface FieldItem extends QuickPickItem {
  field: Field;
}

interface UpdateState {
  fields: Field[];
  values: OrganizationValues;
}

/**
 * pipedrive.update: pick the fields to change (name, owner, labels, visibility, address, custom
 * fields by name), each prompt shows the current value and checks the input; one PATCH with only
 * the fields that really changed (none: no request).
 */
export async function updateOrganization(ctx: CommandContext, node?: unknown): Promise<void> {
  const target = await targetOrganization(ctx, node, t('Edit organization'));
  const client = ctx.requireClient();
  const title = t('Edit "{0}"', target.name);
  const data = new PromptData(ctx);
  const current = await currentRecord(ctx, target.id);
  // Without the field list the standard fields can still be edited.
  const fields = await data.organizationFields().catch(() => []);
  const customs = editableCustomFields(fields);
  const before: OrganizationValues = { ...valuesOf(current), ...extraValuesOf(current, customs) };
  const state: UpdateState = { fields: [], values: { ...before, labelIds: [...before.labelIds], custom: { ...before.custom } } };

  const stepFor: Record<'name' | 'owner' | 'labels' | 'visibility' | 'address', Step<UpdateState>> = {
    name: async (s, position) => {
      s.values.name = await ctx.ui().showInputBox({ title, prompt: t('New name'), value: s.values.name, validateInput: nameProblem, ...position });
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
    address: async (s, position) => {
      s.values.address = await promptAddress(ctx, s.values.address ?? null, title, position);
    },
  };
  const customStep = (field: CustomFieldSpec): Step<UpdateState> => async (s, position) => {
    const value = s.values.custom![field.key] ?? null;
    const name = value === before.custom?.[field.key] ? customRefName(current, field) : undefined;
    s.values.custom![field.key] = await promptCustomField(ctx, data, field, value, title, position, target.id, name);
  };
  const stepOf = (f: Field): Step<UpdateState> => {
    if (!f.startsWith('custom:')) return stepFor[f as keyof typeof stepFor];
    return customStep(customs.find((c) => `custom:${c.key}` === f)!);
  };
  const userName = (id: number) => ctx.store.knownUsers.get(id)?.name;
  // runSteps reads the list as it goes: the first step decides which field prompts follow it.
  const steps: Step<UpdateState>[] = [
    async (s, position) => {
      const labels = new Map(labelChoices(fields).map((c) => [c.value, c.label]));
      const owner = ctx.store.knownUsers.get(before.ownerId ?? -1)?.name ?? current.owner_name ?? (before.ownerId ? t('user {0}', before.ownerId) : t('none'));
      const items: FieldItem[] = [
        { field: 'name', label: t('Name'), description: before.name },
        { field: 'owner', label: t('Owner'), description: owner },
        { field: 'labels', label: t('Labels'), description: before.labelIds.map((id) => labels.get(id) ?? `#${id}`).join(', ') || t('none') },
        { field: 'visibility', label: t('Visibility'), description: visibilityName(before.visibleTo, fields) ?? t('unknown') },
        { field: 'address', label: t('Address'), description: before.address?.value ?? t('none') },
        ...customs.map((c) => ({ field: `custom:${c.key}`, label: c.name, description: customRefName(current, c) ?? customValueText(c, before.custom?.[c.key] ?? null, userName), detail: kindText(c.kind) })),
      ].map((i) => ({ ...i, picked: s.fields.includes(i.field as Field) })) as FieldItem[];
      const picked = await ctx.ui().showQuickPick(items, { title, placeHolder: t('Which fields do you want to change? (Enter takes the highlighted one)'), canPickMany: true, acceptHighlighted: true, ...position });
      s.fields = picked.map((p) => p.field);
      steps.splice(1, steps.length - 1, ...s.fields.map(stepOf));
    },
  ];
  await runSteps(state, steps);

  const input = changedFields(before, state.values);
  if (Object.keys(input).length === 0) {
    void ctx.ui().showInformationMessage(t('Nothing changed: "{0}" was not updated.', target.name));
    return;
  }
  const org = await withRetryOffer(ctx, t('Saving the changes to "{0}"', target.name), () => ctx.withProgress(t('Updating "{0}"…', target.name), async (signal) => {
    // Someone may have changed it while the prompts were open: send the edit on top of that.
    const latest = await client.getOrganizationRecord(target.id, { signal });
    let send = input;
    if (latest.update_time !== current.update_time) {
      const rebased = rebaseEdit(before, input, { ...valuesOf(latest), ...extraValuesOf(latest, customs) }, new Map(customs.map((c) => [c.key, c.name])));
      if (rebased.conflicts.length) {
        await ctx.ui().showWarningMessage(
          t('"{0}" was changed in Pipedrive while you edited it.', target.name),
          {
            modal: true,
            detail:
              rebased.conflicts.length > 1
                ? t('Someone else also changed: {0}. Save your values over theirs? Their other changes are kept either way.', rebased.conflicts.join(', '))
                : t('Someone else also changed: {0}. Save your value over theirs? Their other changes are kept either way.', rebased.conflicts.join(', ')),
          },
          { title: t('Save Mine') },
        );
      }
      if (rebased.labelsMerged) ctx.log.info(`Organization ${target.id}: labels changed meanwhile in Pipedrive were kept.`);
      send = rebased.input;
    }
    return ctx.actions.update(target.id, send, { signal });
  }));
  if (!org) return;
  ctx.log.info(`Updated organization ${org.id} (${Object.keys(input).join(', ')}).`);
  if (input.name !== undefined) await ctx.reveal(org, { select: true, focus: false });
}

/** What kind of value a custom field takes, under its name in the field list. */
function kindText(kind: CustomFieldSpec['kind']): string {
  switch (kind) {
    case 'text': return t('custom field: text');
    case 'largeText': return t('custom field: large text');
    case 'number': return t('custom field: number');
    case 'monetary': return t('custom field: amount and currency');
    case 'date': return t('custom field: date');
    case 'option': return t('custom field: one option');
    case 'options': return t('custom field: several options');
    case 'user': return t('custom field: a user');
    case 'person': return t('custom field: a person');
    case 'organization': return t('custom field: an organization');
  }
}

/**
 * The record as it is now (one GET, one token in today's API): the tree's copy can be hours old,
 * and "before" decides what counts as changed.
 */
async function currentRecord(ctx: CommandContext, id: number): Promise<Organization> {
  return ctx.withProgress(t('Loading the organization…'), (signal) => ctx.requireClient().getOrganizationRecord(id, { signal }));
}
