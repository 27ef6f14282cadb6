// The prompts add and update share: owner, labels, visibility, the address and custom fields.
// Each takes the current value and the step position (for "Step 2 of 5" and the Back button) and
// returns the new value.
import type { QuickPickItem } from 'vscode';
import type { AddressInput, OrganizationField, User, VisibleTo } from '../api';
import { safeLine } from '../util/safeText';
import type { PromptStep } from '../ui/UserInput';
import type { CommandContext } from './CommandContext';
import {
  addressPartNames,
  currencyProblem,
  customValueText,
  dateProblem,
  labelChoices,
  parseNumberInput,
  textProblem,
  visibilityChoices,
  type CustomFieldSpec,
  type CustomValue,
  type Money,
} from './editValues';
import { loadUsers } from './loadUsers';
import { pickOrganization } from './pickOrganization';
import { t } from '../util/l10n';

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
    return (this.users ??= (session.hasUsers ? loadUsers(this.ctx) : this.ctx.withProgress(t('Loading Pipedrive users…'), (signal) => loadUsers(this.ctx, signal)))
      .then((map) => [...map.values()].filter((u) => u.active_flag !== false).sort((a, b) => a.name.localeCompare(b.name))));
  }

  organizationFields(): Promise<readonly OrganizationField[]> {
    const session = this.ctx.session;
    return (this.fields ??= session.hasOrganizationFields
      ? session.organizationFields()
      : this.ctx.withProgress(t('Loading organization fields…'), (signal) => session.organizationFields(signal)));
  }
}

export async function promptOwner(ctx: CommandContext, data: PromptData, current: number | undefined, title: string, position: PromptStep): Promise<number> {
  const me = ctx.auth.user;
  const items = data.activeUsers().then((users) => {
    const mine = users.find((u) => u.id === me?.id);
    const others = users.filter((u) => u.id !== me?.id);
    const list: ValueItem<number>[] = [
      ...(mine ? [{ label: t('Me ({0})', mine.name), value: mine.id, detail: mine.email }] : []),
      ...others.map((u) => ({ label: u.name, value: u.id, detail: u.email })),
    ];
    // The current owner first, so Enter keeps it.
    const i = list.findIndex((x) => x.value === current);
    if (i > 0) list.unshift(...list.splice(i, 1));
    if (i >= 0) list[0] = { ...list[0], description: t('current') };
    return list;
  });
  const picked = await ctx.ui().showQuickPick(items, { title, placeHolder: t('Owner'), matchOnDetail: true, ...position });
  return picked.value;
}

export async function promptLabels(ctx: CommandContext, data: PromptData, current: readonly number[], title: string, position: PromptStep): Promise<number[]> {
  const items = data.organizationFields().then((fields) =>
    labelChoices(fields).map<ValueItem<number>>((c) => ({ label: c.label, value: c.value, picked: current.includes(c.value) })),
  );
  const picked = await ctx.ui().showQuickPick(items, { title, placeHolder: t('Labels (pick none, one or several; Enter when done)'), canPickMany: true, ...position });
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
    const list: ValueItem<VisibleTo | undefined>[] = visibilityChoices(fields).map((c) => ({ label: c.label, value: c.value, description: t('visible_to {0}', c.value) }));
    if (offerDefault) list.unshift({ label: t('Default visibility'), description: t('as set in Pipedrive'), value: undefined });
    const i = list.findIndex((x) => x.value === current);
    if (i > 0) list.unshift(...list.splice(i, 1));
    if (i >= 0 && current !== undefined) list[0] = { ...list[0], description: t('{0}, current', list[0].description ?? '') };
    return list;
  });
  const picked = await ctx.ui().showQuickPick(items, { title, placeHolder: t('Visible to'), ...position });
  return picked.value;
}

/**
 * The address: the full text first (empty removes the address), then optionally its parts. Parts
 * of the old address describe the old place, so they are kept only while the text stays the same.
 */
export async function promptAddress(ctx: CommandContext, current: AddressInput | null, title: string, position: PromptStep): Promise<AddressInput | null> {
  const ui = ctx.ui();
  const text = (await ui.showInputBox({ title, prompt: t('Address: the full text (leave it empty to remove the address)'), value: current?.value ?? '', ...position })).trim();
  if (!text) return null;
  const address: AddressInput = text === current?.value ? { ...current } : { value: text };
  const partNames = addressPartNames();
  for (;;) {
    const set = partNames.filter(([part]) => address[part]).length;
    const items: Array<ValueItem<keyof AddressInput | undefined>> = [
      { label: t('Done'), description: set === 0 ? t('no parts: the full text only') : set === 1 ? t('1 part set') : t('{0} parts set', set), value: undefined },
      ...partNames.map(([part, name]) => ({ label: name, description: address[part] ?? '', value: part })),
    ];
    const picked = await ui.showQuickPick(items, { title, placeHolder: t('Address parts (optional): pick one to set or clear it, then Done'), ...position });
    const part = picked.value;
    if (part === undefined || part === 'value') return address;
    const name = partNames.find(([p]) => p === part)?.[1] ?? part;
    const value = (await ui.showInputBox({ title, prompt: t('{0} (leave it empty to clear it)', name), value: address[part] ?? '', ...position })).trim();
    if (value) address[part] = value;
    else delete address[part];
  }
}

const empty = () => t('(empty)');

/**
 * One custom field, by its kind: text, number, date and money typed and checked as typed; options,
 * users and organizations picked from lists that show their names. Resolves with the value to
 * write (null empties the field).
 */
export async function promptCustomField(
  ctx: CommandContext,
  data: PromptData,
  field: CustomFieldSpec,
  current: CustomValue,
  title: string,
  position: PromptStep,
  orgId: number,
  currentName?: string,
): Promise<CustomValue> {
  const ui = ctx.ui();
  const box = (prompt: string, value: string, validateInput?: (v: string) => string | undefined) =>
    ui.showInputBox({ title, prompt, value, validateInput, ...position });
  switch (field.kind) {
    case 'text':
    case 'largeText': {
      const large = field.kind === 'largeText';
      const v = await box(large ? t('{0} (long text): leave it empty to clear it', field.name) : t('{0}: leave it empty to clear it', field.name), typeof current === 'string' ? current : '', (text) => textProblem(text, large));
      return v.trim() ? v.trim() : null;
    }
    case 'number': {
      const v = await box(
        field.integer ? t('{0}: a whole number (leave it empty to clear it)', field.name) : t('{0}: a number (leave it empty to clear it)', field.name),
        typeof current === 'number' ? String(current) : '',
        (text) => parseNumberInput(text, field.integer).problem,
      );
      return parseNumberInput(v, field.integer).value ?? null;
    }
    case 'date': {
      const v = await box(t('{0}: a date as YYYY-MM-DD (leave it empty to clear it)', field.name), typeof current === 'string' ? current : '', dateProblem);
      return v.trim() || null;
    }
    case 'monetary': {
      const money = current && typeof current === 'object' && !Array.isArray(current) ? (current as Money) : undefined;
      const amount = parseNumberInput(await box(t('{0}: the amount (leave it empty to clear it)', field.name), money ? String(money.value) : '', (text) => parseNumberInput(text).problem)).value;
      if (amount === null || amount === undefined) return null;
      const fallback = money?.currency || (ctx.auth.user as { default_currency?: string } | undefined)?.default_currency || 'EUR';
      const currency = await box(t('{0}: the currency of {1}', field.name, amount), fallback, currencyProblem);
      return { value: amount, currency: currency.trim().toUpperCase() };
    }
    case 'option': {
      const items: Array<ValueItem<number | null>> = [...field.options.map((o) => ({ label: o.label, value: o.value as number | null })), { label: empty(), description: t('clear the field'), value: null }];
      const picked = await ui.showQuickPick(currentFirst(items, current), { title, placeHolder: field.name, ...position });
      return picked.value;
    }
    case 'options': {
      const now = Array.isArray(current) ? current : [];
      const items = field.options.map<ValueItem<number>>((o) => ({ label: o.label, value: o.value, picked: now.includes(o.value) }));
      const picked = await ui.showQuickPick(items, { title, placeHolder: t('{0}: tick the options (none clears the field)', field.name), canPickMany: true, ...position });
      return picked.length ? picked.map((p) => p.value) : null;
    }
    case 'user': {
      const items = data.activeUsers().then((users) => currentFirst<number | null>([...users.map((u) => ({ label: u.name, detail: u.email, value: u.id as number | null })), { label: empty(), description: t('clear the field'), value: null }], current));
      return (await ui.showQuickPick(items, { title, placeHolder: field.name, matchOnDetail: true, ...position })).value;
    }
    case 'organization':
      return promptOrganizationRef(ctx, field, current, title, position, currentName);
    case 'person':
      return promptPersonRef(ctx, field, current, title, position, orgId);
  }
}

/** The current value first and marked, so Enter keeps it. */
function currentFirst<T>(items: Array<ValueItem<T>>, current: unknown): Array<ValueItem<T>> {
  const i = items.findIndex((x) => x.value === current);
  if (i < 0) return items;
  const list = [...items];
  const [mine] = list.splice(i, 1);
  return [{ ...mine, description: mine.description ? t('{0}, current', mine.description) : t('current') }, ...list];
}

const KEEP = 'keep';
const SEARCH = 'search';
const CLEAR = 'clear';
const ENTER_ID = 'id';

async function promptOrganizationRef(ctx: CommandContext, field: CustomFieldSpec, current: CustomValue, title: string, position: PromptStep, currentName?: string): Promise<CustomValue> {
  const items: Array<ValueItem<string>> = [
    ...(typeof current === 'number' ? [{ label: t('Keep {0}', currentName ? `"${currentName}"` : currentRefText(ctx, field, current)), value: KEEP }] : []),
    { label: t('Search for an organization…'), value: SEARCH },
    { label: empty(), description: t('clear the field'), value: CLEAR },
  ];
  const how = await ctx.ui().showQuickPick(items, { title, placeHolder: field.name, ...position });
  if (how.value === KEEP) return current;
  if (how.value === CLEAR) return null;
  return (await pickOrganization(ctx, { title: `${title}: ${field.name}` })).id;
}

function currentRefText(ctx: CommandContext, field: CustomFieldSpec, id: number): string {
  const name = field.kind === 'organization' ? ctx.store.summaryOf(id)?.name : undefined;
  return name ? `"${safeLine(name)}"` : customValueText(field, id);
}

/** A person: one of this organization's persons (GET its persons, one page), or any by id. */
async function promptPersonRef(ctx: CommandContext, field: CustomFieldSpec, current: CustomValue, title: string, position: PromptStep, orgId: number): Promise<CustomValue> {
  const client = ctx.requireClient();
  const items = ctx
    .withProgress(t('Loading the persons of the organization…'), (signal) => client.listOrganizationPersons(orgId, { limit: 100 }, { signal }))
    .then(
      (page) => page.items,
      (e: unknown) => {
        // The list is a convenience: without it the person can still be given by id.
        ctx.log.warn(ctx.auth.redact(`Persons of organization ${orgId} for "${field.name}" unavailable: ${String(e)}`));
        return [];
      },
    )
    .then((persons) => {
      const list: Array<ValueItem<number | string | null>> = persons.map((p) => ({ label: safeLine(p.name), description: t('person {0}', p.id), value: p.id }));
      list.push({ label: t('Another person (by id)…'), value: ENTER_ID }, { label: empty(), description: t('clear the field'), value: null });
      return currentFirst(list, current);
    });
  const picked = await ctx.ui().showQuickPick(items, { title, placeHolder: t('{0}: a person of this organization, or another by id', field.name), ...position });
  if (picked.value !== ENTER_ID) return picked.value as number | null;
  const id = await ctx.ui().showInputBox({
    title,
    prompt: t("{0}: the person's id (a number, as in the person's Pipedrive address)", field.name),
    value: typeof current === 'number' ? String(current) : '',
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) > 0 && Number.isSafeInteger(Number(v)) ? undefined : t('Enter the person id, a whole number such as 1234.')),
    ...position,
  });
  return Number(id.trim());
}
