// The JSON schema of an organization document, built from the account's organization fields and
// users (no vscode). VS Code's JSON support reads it for completion, hover and validation; the
// save checks the same rules again (parseDocument) and names the field when one is broken.
import { ADDRESS_PARTS } from '../api';
import type { CustomFieldSpec, DocumentCatalog } from './documentCatalog';
import { t } from '../util/l10n';

type Schema = Record<string, unknown>;

/** The hover text of an address part, in the display language. */
function addressDescription(part: string): string | undefined {
  switch (part) {
    case 'value': return t('The full address (required when any part is given). Pipedrive geocodes it.');
    case 'country': return t('Country');
    case 'admin_area_level_1': return t('State or province');
    case 'admin_area_level_2': return t('County');
    case 'locality': return t('City or district');
    case 'sublocality': return t('Sub-locality');
    case 'route': return t('Street');
    case 'street_number': return t('House number');
    case 'subpremise': return t('Apartment or suite');
    case 'postal_code': return t('Postal code');
    default: return undefined;
  }
}

function addressSchema(description: string): Schema {
  const properties: Record<string, Schema> = {};
  for (const part of ADDRESS_PARTS) properties[part] = { type: 'string', description: addressDescription(part) };
  return {
    description: t('{0} null clears it.', description),
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
      { type: 'string', enum: users.map((u) => u.label), enumDescriptions: users.map((u) => (u.active ? t('User {0}', u.id) : t('User {0} (inactive)', u.id))) },
      { type: 'integer', enum: users.map((u) => u.id) },
    ],
  };
}

function optionLabels(f: CustomFieldSpec): string[] {
  return f.options.map((o) => o.label);
}

/** The schema of one custom field's value (null always clears). */
export function customFieldSchema(f: CustomFieldSpec, catalog: DocumentCatalog): Schema {
  const about = t('{0} (custom field, {1}). null clears it.', f.name, f.fieldType);
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
        description: t('{0} An amount and its currency.', about),
        type: ['object', 'null'],
        additionalProperties: false,
        required: ['value', 'currency'],
        properties: { value: { type: 'number', description: t('The amount') }, currency: { type: 'string', pattern: '^[A-Z]{3}$', description: t('Three-letter currency code, e.g. EUR') } },
        // l10n-ignore: the snippet's label is its JSON shape
        defaultSnippets: [{ label: '{ value, currency }', body: { value: 0, currency: 'EUR' } }],
      };
    case 'date':
      return {
        description: t('{0} YYYY-MM-DD.', about),
        type: ['string', 'null'],
        pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
        patternErrorMessage: t('Use a date like 2025-03-31 (YYYY-MM-DD).'),
      };
    case 'time':
      return { description: t('{0} HH:MM or HH:MM:SS.', about), type: ['string', 'null'], pattern: '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$', patternErrorMessage: t('Use a time like 09:30.') };
    case 'enum':
      return nullable({ type: 'string', enum: optionLabels(f) });
    case 'set':
      return nullable({ type: 'array', uniqueItems: true, items: { type: 'string', enum: optionLabels(f) } });
    case 'user':
      return nullable(userSchema(catalog, about));
    case 'person':
    case 'org':
      return { description: f.kind === 'org' ? t('{0} The id of an organization.', about) : t('{0} The id of a person.', about), type: ['integer', 'null'], minimum: 1 };
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
    title: t('Pipedrive organization'),
    description: t('Saving sends the changed fields to Pipedrive (PATCH). A field left out stays as it is.'),
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, pattern: '\\S', description: t('The organization name.') },
      owner: userSchema(catalog, t('The owner (owner_id), by name.')),
      labels: {
        description: t('Labels (label_ids), by name. [] removes them all.'),
        type: 'array',
        uniqueItems: true,
        items: choice(
          catalog.labels.map((l) => l.label),
          undefined,
          undefined,
          t('A label'),
        ),
      },
      visible_to: choice(
        catalog.visibility.map((v) => v.label),
        catalog.visibility.map((v) => t('visible_to {0}', v.value)),
        catalog.visibility.map((v) => v.value),
        t('Who can see the organization (visible_to).'),
      ),
      address: addressSchema(t('The address: the full text in value, the parts beside it.')),
      custom_fields: { description: t('Custom fields, by name.'), type: 'object', additionalProperties: false, properties: custom },
      readOnly: { description: t('For reference only: changing anything here is an error when saving.'), type: 'object' },
    },
    required: ['name'],
  };
}
