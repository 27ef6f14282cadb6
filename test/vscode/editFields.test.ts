// The multi-step Edit (pipedrive.update) with the address and custom fields, in today's API: the
// field list names the custom fields and shows option labels, each step checks its input, and one
// PATCH carries only what changed; the store (and so the tree) has the new values.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Organization, OrganizationField } from '../../src/api';
import { letterKey } from '../../src/model/OrganizationStore';
import type { OrganizationNode } from '../../src/tree/nodes';
import type { TestUserInput } from '../../src/ui/TestUserInput';
import { extensionApi, sandboxGet, scriptedUi, signIn, signOut } from './helpers/extension';
import { clearSandboxLog, resetSandbox, sandboxLog } from './sandbox';

async function patches(): Promise<Array<[string, unknown]>> {
  return (await sandboxLog()).filter((e) => e.method === 'PATCH').map((e) => [e.path, e.body]);
}

describe('Edit organization: address and custom fields', function () {
  this.timeout(60_000);
  let ui: TestUserInput;
  let fields: OrganizationField[];
  let node: OrganizationNode;
  let org: Organization;
  const field = (name: string) => fields.find((f) => f.name === name)!;

  before(async () => {
    await resetSandbox();
    await signOut();
    await signIn();
    fields = await sandboxGet<OrganizationField[]>('/v1/organizationFields');
    const api = await extensionApi();
    await api.store.ensureLoaded(letterKey('E'));
    const id = api.store.organizations(letterKey('E'))[0].id;
    const revealed = await api.revealOrganization(id, { select: false, focus: false });
    assert.ok(revealed && revealed.type === 'organization');
    node = revealed;
  });
  after(async () => {
    (await extensionApi()).setUserInput(undefined);
    await resetSandbox();
    (await extensionApi()).store.clear();
  });
  beforeEach(async () => {
    ui = await scriptedUi();
    org = await sandboxGet<Organization>(`/v1/organizations/${node.orgId}`);
    await clearSandboxLog();
  });

  it('address: the full text, then two of its parts; one PATCH with the address object; the tree tooltip shows it', async () => {
    const api = await extensionApi();
    ui.queue(['Address'], 'Pärnu mnt 10, Tallinn', 'City', 'Tallinn', 'Postal code', '10148', 'Done');
    await vscode.commands.executeCommand('pipedrive.update', node);
    assert.deepStrictEqual(ui.errors, []);
    assert.strictEqual(ui.pending, 0);
    assert.deepStrictEqual(await patches(), [[`/api/v2/organizations/${node.orgId}`, { address: { value: 'Pärnu mnt 10, Tallinn', locality: 'Tallinn', postal_code: '10148' } }]]);
    const saved = await sandboxGet<Organization>(`/v1/organizations/${node.orgId}`);
    assert.strictEqual(saved.address, 'Pärnu mnt 10, Tallinn');
    assert.strictEqual((saved as unknown as Record<string, unknown>).address_postal_code, '10148');
    const item = api.tree.getTreeItem(node);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.ok(tooltip.includes('Pärnu mnt 10'), tooltip);
  });

  it('a single-option field: the list shows its current option by label; the pick is sent as the option id', async () => {
    const api = await extensionApi();
    const tier = field('Tier');
    const current = (org as unknown as Record<string, unknown>)[tier.key];
    const currentLabel = tier.options!.find((o) => String(o.id) === String(current))?.label;
    const next = tier.options!.find((o) => o.label !== currentLabel)!;
    let shown: string | undefined;
    ui.queue((item) => {
      const pick = item as vscode.QuickPickItem;
      if (pick.label === 'Tier') shown = pick.description;
      return pick.label === 'Tier';
    }, next.label);
    await vscode.commands.executeCommand('pipedrive.update', node);
    assert.deepStrictEqual(ui.errors, []);
    assert.strictEqual(shown, currentLabel ?? 'empty');
    const options = ui.prompts.find((p) => p.text === 'Tier');
    assert.deepStrictEqual([...(options?.choices ?? [])].sort(), [...tier.options!.map((o) => o.label), '(empty)'].sort());
    assert.deepStrictEqual(await patches(), [[`/api/v2/organizations/${node.orgId}`, { custom_fields: { [tier.key]: Number(next.id) } }]]);
    assert.strictEqual(String((await sandboxGet<Record<string, unknown>>(`/v1/organizations/${node.orgId}`))[tier.key]), String(next.id));
    const record = api.store.summaryOf(node.orgId)?.record as unknown as { custom_fields?: Record<string, unknown> };
    assert.strictEqual(record?.custom_fields?.[tier.key], Number(next.id));
  });

  it('a monetary field: amount and currency, each checked; sent as {value, currency}', async () => {
    const money = field('Contract value');
    ui.queue(['Contract value'], '2500.75', 'usd');
    await vscode.commands.executeCommand('pipedrive.update', node);
    assert.deepStrictEqual(ui.errors, []);
    assert.deepStrictEqual(await patches(), [[`/api/v2/organizations/${node.orgId}`, { custom_fields: { [money.key]: { value: 2500.75, currency: 'USD' } } }]]);
    const saved = await sandboxGet<{ custom_fields?: Record<string, unknown> }>(`/api/v2/organizations/${node.orgId}`);
    assert.deepStrictEqual(saved.custom_fields?.[money.key], { value: 2500.75, currency: 'USD' });
  });

  it('text, several options and a date in one edit: one PATCH with the three, options as ids', async () => {
    const [code, regions, renewal] = [field('Account code'), field('Regions'), field('Renewal date')];
    ui.queue(['Account code', 'Regions', 'Renewal date'], 'ACC-42', ['EMEA', 'APAC'], '2026-06-30');
    await vscode.commands.executeCommand('pipedrive.update', node);
    assert.deepStrictEqual(ui.errors, []);
    assert.strictEqual(ui.pending, 0);
    const id = (label: string) => Number(regions.options!.find((o) => o.label === label)!.id);
    assert.deepStrictEqual(await patches(), [[`/api/v2/organizations/${node.orgId}`, { custom_fields: { [code.key]: 'ACC-42', [regions.key]: [id('EMEA'), id('APAC')], [renewal.key]: '2026-06-30' } }]]);
  });

  it('an amount that is not a number is refused at its step, with the rule; nothing is sent', async () => {
    ui.queue(['Contract value'], '12,5');
    await vscode.commands.executeCommand('pipedrive.update', node);
    const amount = ui.prompts.find((p) => p.kind === 'inputBox');
    assert.match(amount?.validation ?? '', /^Enter a number with a dot for decimals, e\.g\. 1250\.50/);
    assert.deepStrictEqual(await patches(), []);
  });
});
