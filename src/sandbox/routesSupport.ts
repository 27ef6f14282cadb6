// Account routes a client needs around organizations: who am I, users, org fields, saved filters.
import { COMPANY, CUSTOM_FIELDS, FILTERS, LABELS, USERS } from './catalog';
import { Ctx, Route } from './router';
import { Reply, badRequest, ok } from './envelope';
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

function fields(): Reply {
  const all: FieldSpec[] = [...STANDARD, ...CUSTOM_FIELDS.map((f): FieldSpec => [f.key, f.name, f.type, f.options ? { options: f.options } : {}])];
  const data = all.map(([key, name, type, extra], i) => ({
    id: i + 1, key, name, order_nr: i, field_type: type, add_time: v1Time(SEED_EPOCH), update_time: v1Time(SEED_EPOCH),
    last_updated_by_user_id: 1, active_flag: true, edit_flag: /^[0-9a-f]{40}$/.test(key), index_visible_flag: true,
    details_visible_flag: true, add_visible_flag: true, important_flag: false, bulk_edit_allowed: true,
    searchable_flag: ['name', 'address'].includes(key) || type === 'varchar' || type === 'text',
    filtering_allowed: true, sortable_flag: true, mandatory_flag: key === 'name', ...(extra ?? {}),
  }));
  return ok(data, { additional_data: { pagination: { start: 0, limit: 500, more_items_in_collection: false } } });
}

function filters(ctx: Ctx): Reply {
  const type = ctx.query.str('type');
  if (type !== undefined && !['deals', 'leads', 'org', 'people', 'products', 'activity', 'projects'].includes(type)) {
    throw badRequest(`Invalid "type": ${type}`);
  }
  if (type !== undefined && type !== 'org') return ok([]);
  return ok(FILTERS.map((f) => ({
    id: f.id, name: f.name, active_flag: true, type: 'org', temporary_flag: null, user_id: f.userId,
    add_time: v1Time(SEED_EPOCH), update_time: v1Time(SEED_EPOCH), visible_to: '7', custom_view_id: null,
    conditions: { glue: 'and', conditions: [{ glue: 'and', conditions: f.conditions }, { glue: 'or', conditions: [] }] },
  })));
}

const R = (method: string, pattern: string, handler: (ctx: Ctx) => Reply): Route => ({ method, pattern, handler });

export const supportRoutes: Route[] = [
  R('GET', '/v1/users/me', me),
  R('GET', '/v1/users', users),
  R('GET', '/v1/organizationFields', fields),
  R('GET', '/v1/filters', filters),
];
