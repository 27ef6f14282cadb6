import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Organization, OrganizationField, User } from '../../../src/api';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/types';
import { buildCatalog, type DocumentCatalog } from '../../../src/documents/documentCatalog';
import { changedFieldNames, documentChanges } from '../../../src/documents/documentChanges';
import { SCHEMA_URL, organizationIdOfPath, organizationPath } from '../../../src/documents/documentPaths';
import { locatePath } from '../../../src/documents/locatePath';
import { readOnlyOfRecord, renderDocument, valuesOfRecord } from '../../../src/documents/organizationDocument';
import { organizationSchema } from '../../../src/documents/organizationSchema';
import { parseDocument } from '../../../src/documents/parseDocument';
import { collect, makeClient, type ClientHarness } from '../helpers/clientKit';
import { iterate } from '../../../src/api/pages';

// A parsed document, edited freely by the tests as a person would in the editor.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

// An organization as a JSON document, against the sandbox's real fields, users and records: the
// text people edit, what a save sends back, the problems it names, and the schema the editor uses.

describe('documents: an organization as JSON', function () {
  this.timeout(20_000);
  let sandbox: Sandbox;
  let h: ClientHarness;
  let fields: OrganizationField[];
  let users: User[];
  let catalog: DocumentCatalog;

  before(async () => {
    sandbox = await startSandbox({ port: 0, size: 40, apiMode: 'current' });
    h = makeClient(sandbox.url, sandbox.token, { apiMode: 'current' });
    fields = await collect(iterate(({ start }) => h.client.listOrganizationFields({ limit: 500, start })));
    users = await h.client.listUsers();
    catalog = buildCatalog(fields, users);
  });
  after(async () => {
    h.client.dispose();
    await sandbox.close();
  });

  const key = (name: string) => catalog.custom.find((f) => f.name === name)!.key;
  const edit = (text: string, change: (doc: Doc) => void): string => {
    const doc = JSON.parse(text);
    change(doc);
    return JSON.stringify(doc, null, 2);
  };

  async function record(id: number): Promise<Organization> {
    return h.client.getOrganizationRecord(id);
  }

  it('renders the editable fields by name: owner, labels and visibility by name, custom fields by name with option labels; ids and times read-only', async () => {
    const org = await record(1);
    await h.client.updateOrganization(1, {
      custom_fields: { [key('Tier')]: 102, [key('Regions')]: [201, 203], [key('Contract value')]: { value: 1200, currency: 'USD' }, [key('Renewal date')]: '2026-01-31' },
      address: { value: 'Main Street 1, Tallinn', locality: 'Tallinn', country: 'Estonia', postal_code: '10111' },
    });
    const doc = JSON.parse(renderDocument(await record(1), catalog));
    assert.deepEqual(Object.keys(doc), ['name', 'owner', 'labels', 'visible_to', 'address', 'custom_fields', 'readOnly']);
    assert.equal(doc.name, org.name);
    assert.equal(doc.owner, 'Rita Regular');
    assert.deepEqual(doc.labels, ['Customer']);
    assert.equal(typeof doc.visible_to, 'string');
    assert.deepEqual(Object.keys(doc.address).sort(), ['admin_area_level_1', 'admin_area_level_2', 'country', 'locality', 'postal_code', 'route', 'street_number', 'sublocality', 'subpremise', 'value']);
    assert.equal(doc.address.locality, 'Tallinn');
    assert.deepEqual(doc.custom_fields.Tier, 'Silver');
    assert.deepEqual(doc.custom_fields.Regions, ['EMEA', 'APAC']);
    assert.deepEqual(doc.custom_fields['Contract value'], { value: 1200, currency: 'USD' });
    assert.equal(doc.custom_fields['Renewal date'], '2026-01-31');
    assert.deepEqual(Object.keys(doc.custom_fields), ['Account code', 'Background', 'Tier', 'Regions', 'Contract value', 'Renewal date']);
    assert.ok(!JSON.stringify(doc.custom_fields).match(/[0-9a-f]{40}/), 'no hash keys in the document');
    assert.equal(doc.readOnly.id, 1);
    assert.match(doc.readOnly.update_time, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('an unchanged document changes nothing; an edit sends only the edited fields, custom fields under their keys and options as ids', async () => {
    const org = await record(3);
    const text = renderDocument(org, catalog);
    const unchanged = parseDocument(text, catalog, readOnlyOfRecord(org));
    assert.ok(unchanged.ok);
    assert.deepEqual(documentChanges(valuesOfRecord(org, catalog), unchanged.doc.values, catalog), {});

    const tier = catalog.custom.find((f) => f.name === 'Tier')!.options.find((o) => o.label !== JSON.parse(text).custom_fields.Tier)!;
    const edited = edit(text, (d) => {
      d.custom_fields.Tier = tier.label;
      d.custom_fields['Contract value'] = { value: 5000, currency: 'EUR' };
      d.address = { ...d.address, value: 'Harbour Road 9, Tartu', locality: 'Tartu', route: 'Harbour Road', street_number: '9' };
      d.labels = ['Partner', 'Hot lead'];
    });
    const parsed = parseDocument(edited, catalog, readOnlyOfRecord(org));
    assert.ok(parsed.ok, !parsed.ok ? parsed.problem.message : '');
    const input = documentChanges(valuesOfRecord(org, catalog), parsed.doc.values, catalog);
    assert.deepEqual(Object.keys(input).sort(), ['address', 'custom_fields', 'label_ids']);
    assert.deepEqual(input.custom_fields, { [key('Tier')]: tier.id, [key('Contract value')]: { value: 5000, currency: 'EUR' } });
    assert.deepEqual(input.label_ids, [3, 4]);
    assert.equal(input.address?.value, 'Harbour Road 9, Tartu');
    assert.equal(input.address?.locality, 'Tartu');
    assert.deepEqual(changedFieldNames(input, catalog), ['labels', 'address', 'custom_fields.Tier', 'custom_fields.Contract value']);

    // The input is what the client sends: the sandbox takes it and the record reads back the same.
    const saved = await h.client.updateOrganization(3, input);
    const again = JSON.parse(renderDocument(saved, catalog));
    assert.equal(again.custom_fields.Tier, tier.label);
    assert.deepEqual(again.labels, ['Partner', 'Hot lead']);
    assert.equal(again.address.route, 'Harbour Road');
  });

  it('the same labels in another order, or a set in another order, is no change', async () => {
    const org = await record(1);
    const base = valuesOfRecord(org, catalog);
    const values = { ...base, labelIds: [...base.labelIds].reverse(), custom: { ...base.custom, [key('Regions')]: [203, 201] } };
    const input = documentChanges({ ...base, custom: { ...base.custom, [key('Regions')]: [201, 203] } }, values, catalog);
    assert.deepEqual(input, {});
  });

  it('null clears a custom field and the address; left-out properties stay as they are', async () => {
    const org = await record(1);
    const parsed = parseDocument(JSON.stringify({ custom_fields: { Tier: null }, address: null }), catalog);
    assert.ok(parsed.ok);
    const input = documentChanges(valuesOfRecord(org, catalog), parsed.doc.values, catalog);
    assert.deepEqual(input, { address: null, custom_fields: { [key('Tier')]: null } });
  });

  const problems: Array<[string, (d: Doc) => void, string, RegExp]> = [
    ['an option that does not exist', (d) => (d.custom_fields.Tier = 'Platinum'), 'custom_fields.Tier', /"Platinum" is not an option of Tier \(use "Gold", "Silver", "Bronze"\)/],
    ['a set item that does not exist', (d) => (d.custom_fields.Regions = ['EMEA', 'Mars']), 'custom_fields.Regions[1]', /"Mars" is not an option of Regions/],
    ['a date that is no date', (d) => (d.custom_fields['Renewal date'] = '2025-02-30'), 'custom_fields.Renewal date', /YYYY-MM-DD/],
    ['an amount without currency', (d) => (d.custom_fields['Contract value'] = { value: 5 }), 'custom_fields.Contract value.currency', /currency code/],
    ['an amount as text', (d) => (d.custom_fields['Contract value'] = { value: '5', currency: 'EUR' }), 'custom_fields.Contract value.value', /number/],
    ['a field name that does not exist', (d) => (d.custom_fields.Colour = 'red'), 'custom_fields.Colour', /no organization field named "Colour"/],
    ['an unknown owner', (d) => (d.owner = 'Nobody Known'), 'owner', /no user named "Nobody Known"/],
    ['an unknown label', (d) => (d.labels = ['Customer', 'VIP']), 'labels[1]', /"VIP" is not a label/],
    ['an empty name', (d) => (d.name = '  '), 'name', /not empty/],
    ['an address part that does not exist', (d) => (d.address = { value: 'x', planet: 'Earth' }), 'address.planet', /not an address part/],
    ['address parts without the full text', (d) => (d.address = { value: '', locality: 'Tartu' }), 'address.value', /full address is required/],
    ['a changed read-only field', (d) => (d.readOnly.update_time = '2000-01-01 00:00:00'), 'readOnly.update_time', /read-only/],
    ['a changed id', (d) => (d.readOnly.id = 99), 'readOnly.id', /read-only/],
    ['an unknown top-level property', (d) => (d.owner_id = 3), 'owner_id', /not a field of an organization/],
    ['a bad visibility', (d) => (d.visible_to = 'Everyone'), 'visible_to', /not a visibility/],
  ];
  for (const [what, change, field, message] of problems) {
    it(`names the field of a problem: ${what}`, async () => {
      const org = await record(1);
      const text = edit(renderDocument(org, catalog), change);
      const parsed = parseDocument(text, catalog, readOnlyOfRecord(org));
      assert.ok(!parsed.ok, 'accepted');
      assert.equal(parsed.problem.field, field);
      assert.match(parsed.problem.message, message);
      assert.ok(parsed.problem.message.startsWith(`${field}: `), parsed.problem.message);
      // The editor can mark it: the span covers the named property (or item) in the text.
      const span = locatePath(text, parsed.problem.path);
      assert.ok(span, 'located');
      const last = parsed.problem.path[parsed.problem.path.length - 1];
      const marked = text.slice(span.start, span.end);
      // A missing property is marked on its parent.
      if (typeof last === 'string') assert.ok(marked === JSON.stringify(last) || parsed.problem.path.includes(JSON.parse(marked)), marked);
    });
  }

  it('text that is not JSON is a problem of the document, not a crash', () => {
    const parsed = parseDocument('{ "name": "x", ', catalog);
    assert.ok(!parsed.ok);
    assert.match(parsed.problem.message, /not valid JSON/);
  });

  it('names people write differently still find the option (case), and numbers are taken as ids', async () => {
    const org = await record(1);
    const parsed = parseDocument(JSON.stringify({ owner: 'ada admin', labels: ['prospect'], visible_to: 1 }), catalog);
    assert.ok(parsed.ok, !parsed.ok ? parsed.problem.message : '');
    const input = documentChanges(valuesOfRecord(org, catalog), parsed.doc.values, catalog);
    assert.equal(input.owner_id, 1);
    assert.deepEqual(input.label_ids, [2]);
    assert.equal(input.visible_to, 1);
  });

  describe('schema', () => {
    let validate: ReturnType<Ajv['compile']>;
    before(() => {
      // VS Code's own keywords (enumDescriptions, patternErrorMessage, defaultSnippets) are not JSON schema's.
      const ajv = new Ajv({ strict: false, allErrors: true });
      validate = ajv.compile(organizationSchema(catalog));
    });

    it('every rendered organization is valid against it', async () => {
      for (const id of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]) {
        const text = renderDocument(await record(id), catalog);
        assert.ok(validate(JSON.parse(text)), `org ${id}: ${JSON.stringify(validate.errors)}`);
      }
    });

    it('offers the option labels, user names and visibility names as enums; monetary is {value, currency}; dates have a pattern', () => {
      const s = organizationSchema(catalog) as Doc;
      const custom = s.properties.custom_fields.properties;
      assert.deepEqual(custom.Tier.anyOf[0].enum, ['Gold', 'Silver', 'Bronze']);
      assert.deepEqual(custom.Regions.anyOf[0].items.enum, ['EMEA', 'Americas', 'APAC']);
      assert.deepEqual(custom['Contract value'].required, ['value', 'currency']);
      assert.ok(new RegExp(custom['Renewal date'].pattern).test('2025-12-31'));
      assert.ok(!new RegExp(custom['Renewal date'].pattern).test('31.12.2025'));
      assert.ok(s.properties.owner.anyOf[0].enum.includes('Rita Regular'));
      assert.deepEqual(s.properties.labels.items.enum, ['Customer', 'Prospect', 'Partner', 'Hot lead', 'Churned']);
      assert.ok(s.properties.visible_to.anyOf[0].enum.includes('Entire company'));
    });

    it('rejects what a save would refuse: an unknown option, a bad date, an amount without currency, an unknown property', async () => {
      const doc = JSON.parse(renderDocument(await record(1), catalog));
      for (const change of [
        (d: Doc) => (d.custom_fields.Tier = 'Platinum'),
        (d: Doc) => (d.custom_fields['Renewal date'] = '31.12.2025'),
        (d: Doc) => (d.custom_fields['Contract value'] = { value: 1 }),
        (d: Doc) => (d.custom_fields.Colour = 'red'),
        (d: Doc) => (d.owner_id = 1),
        (d: Doc) => (d.address = { value: 'x', planet: 'Earth' }),
      ]) {
        const copy = JSON.parse(JSON.stringify(doc));
        change(copy);
        assert.equal(validate(copy), false, `accepted ${JSON.stringify(copy.custom_fields)}`);
      }
    });
  });

  describe('paths', () => {
    it('carry the id and a readable name; the id comes back from the path', () => {
      assert.equal(organizationPath(12, 'Acme / Sons\nLtd'), '/organizations/12 Acme Sons Ltd.json');
      assert.equal(organizationIdOfPath('/organizations/12 Acme Sons Ltd.json'), 12);
      assert.equal(organizationIdOfPath(organizationPath(7, '')), 7);
      assert.equal(organizationIdOfPath('/organizations/x.json'), undefined);
      assert.equal(organizationIdOfPath('/schema/organization.json'), undefined);
    });

    it("package.json points VS Code's JSON support at the schema the provider serves, for organization documents only", () => {
      const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
      const [entry] = pkg.contributes.jsonValidation as Array<{ fileMatch: string; url: string }>;
      assert.equal(entry.url, SCHEMA_URL);
      // VS Code refuses (with an error notification) a url that is neither absolute with // nor ./relative.
      assert.match(entry.url, /^[^:/?#]+:\/\//);
      // The JSON extension matches "**/" + the pattern (its leading / dropped) against the document's URI.
      const glob = entry.fileMatch.replace(/^\//, '');
      const re = new RegExp('^(?:.*/)?' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '$');
      assert.ok(re.test(`pipedrive:${organizationPath(1, 'Acme Technologies')}`));
      assert.ok(!re.test('file:///home/me/organizations/1 Acme.json'), 'a workspace file of the same name gets the schema');
    });
  });
});
