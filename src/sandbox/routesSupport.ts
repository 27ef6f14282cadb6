// Account routes a client needs around organizations: who am I, users, org fields, saved filters.
import { COMPANY, CUSTOM_FIELDS, FILTERS, LABELS, USERS } from './company';
import { Ctx, Route } from './router';
import { HttpError, Reply, badRequest, cursorPage, ok } from './envelope';
import { cursorSlice, pathId } from './params';
import { User } from './model';
import { v1Time, SEED_EPOCH } from './time';

function userJson(u: User): Record<string, unknown> {
  return {
    id: u.id, name: u.name, email: u.email, default_currency: 'EUR', locale: 'en_US', lang: 1,
    phone: null, activated: u.activeFlag, last_login: v1Time(SEED_EPOCH), created: v1Time(SEED_EPOCH),
    modified: v1Time(SEED_EPOCH), has_created_company: u.id === 1, access: [{ app: 'sales', admin: u.isAdmin, permission_set_id: 'ps1' }],
    active_flag: u.activeFlag, timezone_name: 'Europe/Tallinn', timezone_offset: '+02:00', role_id: 1,
    icon_url: null, is_you: false, is_deleted: false, is_admin: u.isAdmin ? 1 : 0,
  };
}

function me(ctx: Ctx): Reply {
  return ok({
    ...userJson(ctx.user), is_you: true, company_id: COMPANY.id, company_name: COMPANY.name,
    company_domain: COMPANY.domain, company_country: 'EE', company_industry: 'Software', language: { language_code: 'en', country_code: 'US' },
  });
}

function users(ctx: Ctx): Reply {
  return ok(USERS.map((u) => ({ ...userJson(u), is_you: u.id === ctx.user.id })));
}

type FieldSpec = [key: string, name: string, type: string, extra?: Record<string, unknown>];

const STANDARD: FieldSpec[] = [
  ['id', 'ID', 'int'], ['name', 'Name', 'varchar'], ['label_ids', 'Labels', 'set', { options: LABELS.map((l) => ({ id: l.id, label: l.label, color: l.color })) }],
  ['owner_id', 'Owner', 'user'], ['address', 'Address', 'address'], ['visible_to', 'Visible to', 'visible_to', {
    options: [{ id: 1, label: 'Owner & followers' }, { id: 3, label: 'Entire company' }, { id: 5, label: "Owner's visibility group and sub-groups" }, { id: 7, label: 'Entire company (all groups)' }],
  }],
  ['add_time', 'Organization created', 'date'], ['update_time', 'Update time', 'date'],
  ['people_count', 'People', 'int'], ['open_deals_count', 'Open deals', 'int'], ['website', 'Website', 'varchar'],
  ['linkedin', 'LinkedIn profile', 'varchar'], ['industry', 'Industry', 'enum'], ['annual_revenue', 'Annual revenue', 'monetary'],
  ['employee_count', 'Number of employees', 'int'],
];

function allFields(): FieldSpec[] {
  return [...STANDARD, ...CUSTOM_FIELDS.map((f): FieldSpec => [f.key, f.name, f.type, f.options ? { options: f.options } : {}])];
}

function fieldV1([key, name, type, extra]: FieldSpec, i: number): Record<string, unknown> {
  return {
    id: i + 1, key, name, order_nr: i, field_type: type, add_time: v1Time(SEED_EPOCH), update_time: v1Time(SEED_EPOCH),
    last_updated_by_user_id: 1, active_flag: true, edit_flag: /^[0-9a-f]{40}$/.test(key), index_visible_flag: true,
    details_visible_flag: true, add_visible_flag: true, important_flag: false, bulk_edit_allowed: true,
    searchable_flag: ['name', 'address'].includes(key) || type === 'varchar' || type === 'text',
    filtering_allowed: true, sortable_flag: true, mandatory_flag: key === 'name', ...(extra ?? {}),
  };
}

function fields(): Reply {
  return ok(allFields().map(fieldV1), { additional_data: { pagination: { start: 0, limit: 500, more_items_in_collection: false } } });
}

function fieldV1ById(ctx: Ctx): Reply {
  const id = pathId(ctx.params.id);
  const all = allFields();
  if (id > all.length) throw new HttpError(404, 'Field not found', { data: null });
  return ok(fieldV1(all[id - 1], id - 1));
}

const ADDRESS_PARTS: [string, string][] = [['value', 'Address value'], ['street_number', 'House number'], ['route', 'Street/road name'],
  ['subpremise', 'Apartment/suite'], ['sublocality', 'Sub-locality'], ['locality', 'District'], ['admin_area_level_1', 'State/province'],
  ['admin_area_level_2', 'County'], ['country', 'Country'], ['postal_code', 'Postal code'], ['formatted_address', 'Formatted address']];

/** Counters are left out of v2 organizations unless asked for through include_fields. */
const OPTIONAL_IN_V2 = ['people_count', 'open_deals_count'];
const V2_FIELD_INCLUDES = ['ui_visibility', 'important_fields', 'required_fields'];

/** v2 field shape (supporting.openapi.json, getOrganizationFields): field_code, options or null, subfields or null. */
function fieldV2([key, name, type, extra]: FieldSpec, include: string[]): Record<string, unknown> {
  const options = (extra?.options as { id: number; label: string; color?: string }[] | undefined)
    ?.map((o) => ({ id: o.id, label: o.label, ...(o.color ? { color: o.color } : {}) })) ?? null;
  const subfields = type === 'address'
    ? ADDRESS_PARTS.map(([code, label]) => ({ field_code: code, field_name: `${label} of ${name}`, field_type: 'varchar' }))
    : type === 'monetary'
      ? [{ field_code: 'value', field_name: `Value of ${name}`, field_type: 'double' }, { field_code: 'currency', field_name: `Currency of ${name}`, field_type: 'varchar' }]
      : null;
  const out: Record<string, unknown> = {
    field_name: name, field_code: key, field_type: type, options, subfields,
    is_custom_field: /^[0-9a-f]{40}$/.test(key), is_optional_response_field: OPTIONAL_IN_V2.includes(key),
  };
  if (include.includes('ui_visibility')) {
    out.ui_visibility = { add_visible_flag: true, details_visible_flag: true, org_detail_visible_flag: true, person_detail_visible_flag: false,
      deal_detail_visible_flag: false, show_in_add_deal_dialog: { show: false, order: null }, show_in_add_person_dialog: { show: false, order: null } };
  }
  if (include.includes('important_fields')) out.important_fields = { enabled: false, stage_ids: [] };
  if (include.includes('required_fields')) out.required_fields = { enabled: key === 'name' };
  return out;
}

function includeParam(ctx: Ctx): string[] {
  const inc = ctx.query.str('include_fields')?.split(',').map((s) => s.trim()) ?? [];
  for (const f of inc) if (!V2_FIELD_INCLUDES.includes(f)) throw badRequest(`Invalid "include_fields": ${f}. Allowed: ${V2_FIELD_INCLUDES.join(', ')}`);
  return inc;
}

function fieldsV2(ctx: Ctx): Reply {
  const include = includeParam(ctx);
  const limit = ctx.query.int('limit', { min: 1, max: 500, def: 100 })!;
  const { page, next } = cursorSlice(allFields(), ctx.query.str('cursor'), limit);
  return cursorPage(page.map((f) => fieldV2(f, include)), next);
}

function fieldV2ByCode(ctx: Ctx): Reply {
  const include = includeParam(ctx);
  const code = decodeURIComponent(ctx.params.field_code);
  const field = allFields().find(([key]) => key === code);
  if (!field) throw new HttpError(404, 'Field not found', { data: null });
  return ok(fieldV2(field, include));
}

function userByIdRoute(ctx: Ctx): Reply {
  const u = USERS.find((x) => x.id === pathId(ctx.params.id));
  if (!u) throw new HttpError(404, 'User not found', { data: null });
  return ok({ ...userJson(u), is_you: u.id === ctx.user.id });
}

function filterJson(f: (typeof FILTERS)[number]): Record<string, unknown> {
  return {
    id: f.id, name: f.name, active_flag: true, type: 'org', temporary_flag: null, user_id: f.userId,
    add_time: v1Time(SEED_EPOCH), update_time: v1Time(SEED_EPOCH), visible_to: '7', custom_view_id: null,
    // Pipedrive writes condition values as strings, whatever the field's type.
    conditions: { glue: 'and', conditions: [{ glue: 'and', conditions: f.conditions.map((c) => ({ ...c, value: c.value === null ? null : String(c.value) })) }, { glue: 'or', conditions: [] }] },
  };
}

function filterById(ctx: Ctx): Reply {
  const f = FILTERS.find((x) => x.id === pathId(ctx.params.id));
  if (!f) throw new HttpError(404, 'Filter not found', { data: null });
  return ok(filterJson(f));
}

function filters(ctx: Ctx): Reply {
  const type = ctx.query.str('type');
  if (type !== undefined && !['deals', 'leads', 'org', 'people', 'products', 'activity', 'projects'].includes(type)) {
    throw badRequest(`Invalid "type": ${type}`);
  }
  if (type !== undefined && type !== 'org') return ok([]);
  return ok(FILTERS.map(filterJson));
}

const R = (method: string, pattern: string, handler: (ctx: Ctx) => Reply): Route => ({ method, pattern, handler });

export const supportRoutes: Route[] = [
  R('GET', '/v1/users/me', me),
  R('GET', '/v1/users', users),
  R('GET', '/v1/users/:id', userByIdRoute),
  R('GET', '/v1/organizationFields', fields),
  R('GET', '/v1/organizationFields/:id', fieldV1ById),
  R('GET', '/api/v2/organizationFields', fieldsV2),
  R('GET', '/api/v2/organizationFields/:field_code', fieldV2ByCode),
  R('GET', '/v1/filters', filters),
  R('GET', '/v1/filters/:id', filterById),
];
