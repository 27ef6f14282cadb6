import type { FlowItemType } from './records';
import type { VisibleTo } from './validators';

// Parameter types of the client methods, named after the reference's query and body fields.

/** Every method takes these: cancellation and a per-call timeout. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call (ms). */
  timeoutMs?: number;
}

export interface OffsetParams {
  /** Pagination start, default 0. */
  start?: number;
  /** Items per page, 1..500. */
  limit?: number;
}

export interface CursorParams {
  cursor?: string;
  /** Items per page, 1..500. */
  limit?: number;
}

/** A v1 sort expression: `field ASC` or several comma separated (`name ASC, update_time DESC`). */
export type SortExpression = string;

export type NumberBoolean = 0 | 1;

/** GET /v1/organizations */
export interface ListOrganizationsParams extends OffsetParams {
  /** Only organizations owned by this user (filter_id wins when both are set). */
  user_id?: number;
  filter_id?: number;
  /** Only names starting with this character (case-insensitive, one code point). */
  first_char?: string;
  sort?: SortExpression;
}

/** GET /v1/organizations/collection */
export interface OrganizationsCollectionParams extends CursorParams {
  /** Lower bound of update_time, e.g. `2022-11-01 08:55:59` (ISO 8601 accepted too). */
  since?: string;
  /** Upper bound of update_time. */
  until?: string;
  owner_id?: number;
  first_char?: string;
}

export type SearchField = 'address' | 'custom_fields' | 'notes' | 'name';

/** GET /api/v2/organizations/search */
export interface SearchOrganizationsParams extends CursorParams {
  /** At least 2 characters (1 with exact_match). */
  term: string;
  fields?: SearchField | SearchField[];
  exact_match?: boolean;
}

/** GET /v1/organizations/{id}/activities */
export interface OrganizationActivitiesParams extends OffsetParams {
  /** 0 = not done, 1 = done; omitted: both. */
  done?: NumberBoolean;
  /** Activity ids to leave out. */
  exclude?: number[];
}

export type DealStatus = 'open' | 'won' | 'lost' | 'deleted' | 'all_not_deleted';

/** GET /v1/organizations/{id}/deals */
export interface OrganizationDealsParams extends OffsetParams {
  status?: DealStatus;
  sort?: SortExpression;
  only_primary_association?: NumberBoolean;
}

export type FileSortField = 'id' | 'update_time';

/** GET /v1/organizations/{id}/files (limit at most 100) */
export interface OrganizationFilesParams extends OffsetParams {
  /** `id`, `update_time`, optionally with ` ASC` / ` DESC`. */
  sort?: FileSortField | `${FileSortField} ${'ASC' | 'DESC'}`;
}

/** GET /v1/organizations/{id}/flow */
export interface OrganizationFlowParams extends OffsetParams {
  /** 1 = include custom field changes. */
  all_changes?: NumberBoolean;
  /** Only these kinds of updates. */
  items?: FlowItemType[];
}

/** GET /v1/organizations/{id}/mailMessages */
export interface OrganizationMailMessagesParams extends OffsetParams {
  include_body?: NumberBoolean;
}

/** Extra keys of add/update bodies: custom field values keyed by their 40-character field key. */
export type CustomFieldValues = Record<string, unknown>;

/**
 * An address to write. v2 takes the object (a PATCH replaces the whole address, so send every part that
 * should stay); v1 takes only the full text, `value`. `null` clears it.
 */
export interface AddressInput {
  value: string;
  country?: string;
  admin_area_level_1?: string;
  admin_area_level_2?: string;
  locality?: string;
  sublocality?: string;
  route?: string;
  street_number?: string;
  subpremise?: string;
  postal_code?: string;
}

/** POST /v1/organizations */
export interface AddOrganizationInput {
  name: string;
  /** `YYYY-MM-DD HH:MM:SS` in UTC. */
  add_time?: string;
  owner_id?: number;
  label?: number;
  label_ids?: number[];
  visible_to?: VisibleTo;
  address?: AddressInput | null;
  /** Custom field values keyed by field key (sent as top-level keys in v1, `custom_fields` in v2). */
  custom_fields?: CustomFieldValues;
}

/** PUT /v1/organizations/{id} */
export interface UpdateOrganizationInput {
  name?: string;
  owner_id?: number;
  label?: number;
  label_ids?: number[];
  visible_to?: VisibleTo;
  address?: AddressInput | null;
  custom_fields?: CustomFieldValues;
}

export type IncludeFieldV2 =
  | 'next_activity_id'
  | 'last_activity_id'
  | 'open_deals_count'
  | 'related_open_deals_count'
  | 'closed_deals_count'
  | 'related_closed_deals_count'
  | 'email_messages_count'
  | 'people_count'
  | 'activities_count'
  | 'done_activities_count'
  | 'undone_activities_count'
  | 'files_count'
  | 'notes_count'
  | 'followers_count'
  | 'won_deals_count'
  | 'related_won_deals_count'
  | 'lost_deals_count'
  | 'related_lost_deals_count'
  | 'smart_bcc_email';

export interface OrganizationV2ViewParams {
  include_fields?: IncludeFieldV2[];
  /** Up to 15 custom field keys. */
  custom_fields?: string[];
  include_option_labels?: boolean;
  include_labels?: boolean;
}

/** GET /api/v2/organizations */
export interface ListOrganizationsV2Params extends CursorParams, OrganizationV2ViewParams {
  filter_id?: number;
  /** Up to 100 ids. */
  ids?: number[];
  owner_id?: number;
  /** RFC 3339, e.g. 2025-01-01T10:20:00Z. */
  updated_since?: string;
  updated_until?: string;
  sort_by?: 'id' | 'update_time' | 'add_time';
  sort_direction?: 'asc' | 'desc';
}

/** POST /api/v2/organizations */
export interface AddOrganizationV2Input {
  name: string;
  owner_id?: number;
  add_time?: string;
  visible_to?: VisibleTo;
  label_ids?: number[];
  address?: Partial<import('./records').AddressV2>;
  website?: string | null;
  linkedin?: string | null;
  industry?: number | null;
  annual_revenue?: number | null;
  employee_count?: number | null;
  custom_fields?: CustomFieldValues;
}

/** PATCH /api/v2/organizations/{id} */
export type UpdateOrganizationV2Input = Partial<Omit<AddOrganizationV2Input, 'add_time'>>;

/** GET /api/v2/deals?org_id= */
export interface DealsV2Params extends CursorParams {
  status?: Array<'open' | 'won' | 'lost' | 'deleted'>;
  sort_by?: 'id' | 'update_time' | 'add_time';
  sort_direction?: 'asc' | 'desc';
}

/** GET /api/v2/persons?org_id= */
export interface PersonsV2Params extends CursorParams {
  sort_by?: 'id' | 'update_time' | 'add_time';
  sort_direction?: 'asc' | 'desc';
}

/** GET /api/v2/activities?org_id= */
export interface ActivitiesV2Params extends CursorParams {
  done?: boolean;
  sort_by?: 'id' | 'update_time' | 'add_time' | 'due_date';
  sort_direction?: 'asc' | 'desc';
}
