// The prompts add and update share: owner, labels, visibility. Each takes the current value and
// the step position (for "Step 2 of 5" and the Back button) and returns the new value.
import type { QuickPickItem } from 'vscode';
import type { OrganizationField, User, VisibleTo } from '../api';
import type { PromptStep } from '../ui/UserInput';
import type { CommandContext } from './CommandContext';
import { labelChoices, visibilityChoices } from './organizationFields';
import { loadUsers } from './pickOrganization';

interface ValueItem<T> extends QuickPickItem {
  value: T;
}

/**
 * The lists the prompts need, from the session catalog (read once per sign-in, usually already
 * there): progress shows only when one has to be read now. Reused on Back.
 */
export class PromptData {
  private users?: Promise<User[]>;
  private fields?: Promise<readonly OrganizationField[]>;
  constructor(private readonly ctx: CommandContext) {}

  activeUsers(): Promise<User[]> {
    const session = this.ctx.session;
    return (this.users ??= (session.hasUsers ? loadUsers(this.ctx) : this.ctx.withProgress('Loading Pipedrive users…', (signal) => loadUsers(this.ctx, signal)))
      .then((map) => [...map.values()].filter((u) => u.active_flag !== false).sort((a, b) => a.name.localeCompare(b.name))));
  }

  organizationFields(): Promise<readonly OrganizationField[]> {
    const session = this.ctx.session;
    return (this.fields ??= session.hasOrganizationFields
      ? session.organizationFields()
      : this.ctx.withProgress('Loading organization fields…', (signal) => session.organizationFields(signal)));
  }
}

export async function promptOwner(ctx: CommandContext, data: PromptData, current: number | undefined, title: string, position: PromptStep): Promise<number> {
  const me = ctx.auth.user;
  const items = data.activeUsers().then((users) => {
    const mine = users.find((u) => u.id === me?.id);
    const others = users.filter((u) => u.id !== me?.id);
    const list: ValueItem<number>[] = [
      ...(mine ? [{ label: `Me (${mine.name})`, value: mine.id, detail: mine.email }] : []),
      ...others.map((u) => ({ label: u.name, value: u.id, detail: u.email })),
    ];
    // The current owner first, so Enter keeps it.
    const i = list.findIndex((x) => x.value === current);
    if (i > 0) list.unshift(...list.splice(i, 1));
    if (i >= 0) list[0] = { ...list[0], description: 'current' };
    return list;
  });
  const picked = await ctx.ui().showQuickPick(items, { title, placeHolder: 'Owner', matchOnDetail: true, ...position });
  return picked.value;
}

export async function promptLabels(ctx: CommandContext, data: PromptData, current: readonly number[], title: string, position: PromptStep): Promise<number[]> {
  const items = data.organizationFields().then((fields) =>
    labelChoices(fields).map<ValueItem<number>>((c) => ({ label: c.label, value: c.value, picked: current.includes(c.value) })),
  );
  const picked = await ctx.ui().showQuickPick(items, { title, placeHolder: 'Labels (pick none, one or several; Enter when done)', canPickMany: true, ...position });
  return picked.map((p) => p.value);
}

/** `undefined` (from add only): leave it to the account's default visibility. */
export async function promptVisibility(
  ctx: CommandContext,
  data: PromptData,
  current: VisibleTo | undefined,
  title: string,
  position: PromptStep,
  offerDefault: boolean,
): Promise<VisibleTo | undefined> {
  const items = data.organizationFields().then((fields) => {
    const list: ValueItem<VisibleTo | undefined>[] = visibilityChoices(fields).map((c) => ({ label: c.label, value: c.value, description: `visible_to ${c.value}` }));
    if (offerDefault) list.unshift({ label: 'Default visibility', description: 'as set in Pipedrive', value: undefined });
    const i = list.findIndex((x) => x.value === current);
    if (i > 0) list.unshift(...list.splice(i, 1));
    if (i >= 0 && current !== undefined) list[0] = { ...list[0], description: `${list[0].description}, current` };
    return list;
  });
  const picked = await ctx.ui().showQuickPick(items, { title, placeHolder: 'Visible to', ...position });
  return picked.value;
}
