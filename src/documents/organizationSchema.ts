// The JSON schema of an organization document, built from the account's organization fields and
// users (no vscode). VS Code's JSON support reads it for completion, hover and validation; the
// save checks the same rules again (parseDocument) and names the field when one is broken.
import { ADDRESS_PARTS } from '../api';
import type { CustomFieldSpec, DocumentCatalog } from './documentCatalog';

type Schema = Record<string, unknown>;

const ADDRESS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  value: 'The full address (required when any part is given). Pipedrive geocodes it.',
  country: 'Country',
  admin_area_level_1: 'State or province',
  admin_area_level_2: 'County',
  locality: 'City or district',
  sublocality: 'Sub-locality',
  route: 'Street',
  street_number: 'House number',
  subpremise: 'Apartment or suite',
  postal_code: 'Postal code',
};

function addressSchema(description: string): Schema {
  const properties: Record<string, Schema> = {};
  for (const part of ADDRESS_PARTS) properties[part] = { type: 'string', description: ADDRESS_DESCRIPTIONS[part] };
  return {
    description: `${description} null clears it.`,
    type: ['object', 'null'],
    additionalProperties: false,
    properties,
  };
}

function choice(labels: readonly string[], descriptions: readonly string[] | undefined, numbers: readonly number[] | undefined, description: string): Schema {
  const byName: Schema = { type: 'string', enum: [...labels] };
  if (descriptions) byName.enumDescriptions = [...descriptions];
  return numbers ? { description, anyOf: [byName, { type: 'integer', enum: [...numbers] }] } : { description, ...byName };
}

function userSchema(catalog: DocumentCatalog, description: string): Schema {
  const users = catalog.users;
  if (!users.length) return { description, type: ['string', 'integer'] };
  return {
    description,
    anyOf: [
      { type: 'string', enum: users.map((u) => u.label), enumDescriptions: users.map((u) => `User ${u.id}${u.active ? '' : ' (inactive)'}`) },
      { type: 'integer', enum: users.map((u) => u.id) },
    ],
  };
}

function optionLabels(f: CustomFieldSpec): string[] {
  return f.options.map((o) => o.label);
}

/** The schema of one custom field's value (null always clears). */
export function customFieldSchema(f: CustomFieldSpec, catalog: DocumentCatalog): Schema {
  const about = `${f.name} (custom field, ${f.fieldType}). null clears it.`;
  const nullable = (s: Schema): Schema => ({ description: about, anyOf: [s, { type: 'null' }] });
  switch (f.kind) {
    case 'text':
      return { description: about, type: ['string', 'null'] };
    case 'number':
      return { description: about, type: ['number', 'null'] };
    case 'integer':
      return { description: about, type: ['integer', 'null'] };
    case 'monetary':
      return {
        description: `${about} An amount and its currency.`,
        type: ['object', 'null'],
        additionalProperties: false,
        required: ['value', 'currency'],
        properties: { value: { type: 'number', description: 'The amount' }, currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'Three-letter currency code, e.g. EUR' } },
        defaultSnippets: [{ label: '{ value, currency }', body: { value: 0, currency: 'EUR' } }],
      };
    case 'date':
      return { description: `${about} YYYY-MM-DD.`, type: ['string', 'null'], pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', patternErrorMessage: 'Use a date like 2025-03-31 (YYYY-MM-DD).' };
    case 'time':
      return { description: `${about} HH:MM or HH:MM:SS.`, type: ['string', 'null'], pattern: '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$', patternErrorMessage: 'Use a time like 09:30.' };
    case 'enum':
      return nullable({ type: 'string', enum: optionLabels(f) });
    case 'set':
      return nullable({ type: 'array', uniqueItems: true, items: { type: 'string', enum: optionLabels(f) } });
    case 'user':
      return nullable(userSchema(catalog, about));
    case 'person':
    case 'org':
      return { description: `${about} The id of ${f.kind === 'org' ? 'an organization' : 'a person'}.`, type: ['integer', 'null'], minimum: 1 };
    case 'address':
      return addressSchema(about);
    default:
      return { description: about };
  }
}

export function organizationSchema(catalog: DocumentCatalog): Schema {
  const custom: Record<string, Schema> = {};
  for (const f of catalog.custom) custom[f.name] = customFieldSchema(f, catalog);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Pipedrive organization',
    description: 'Saving sends the changed fields to Pipedrive (PATCH). A field left out stays as it is.',
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, pattern: '\\S', description: 'The organization name.' },
      owner: userSchema(catalog, 'The owner (owner_id), by name.'),
      labels: {
        description: 'Labels (label_ids), by name. [] removes them all.',
        type: 'array',
        uniqueItems: true,
        items: choice(
          catalog.labels.map((l) => l.label),
          undefined,
          undefined,
          'A label',
        ),
      },
      visible_to: choice(
        catalog.visibility.map((v) => v.label),
        catalog.visibility.map((v) => `visible_to ${v.value}`),
        catalog.visibility.map((v) => v.value),
        'Who can see the organization (visible_to).',
      ),
      address: addressSchema('The address: the full text in value, the parts beside it.'),
      custom_fields: { description: 'Custom fields, by name.', type: 'object', additionalProperties: false, properties: custom },
      readOnly: { description: 'For reference only: changing anything here is an error when saving.', type: 'object' },
    },
    required: ['name'],
  };
}
