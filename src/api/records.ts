// Record types, typed from the 200 response schemas of the reference
// (test/fixtures/pipedrive/organizations*.openapi.json). v1 records are what the v1-named methods
// return in both modes; when a v1 route is retired the client maps v2 records into these shapes.
// Fields marked "v1 only" are absent (undefined) when the record came through v2, because the v2
// API does not return them.

/** Pipedrive dates in v1 look like `2020-09-15 11:55:14` (UTC). */
export type PipedriveDateTime = string;

/** The user object v1 embeds in `owner_id` / `user_id`. */
export interface UserRef {
  /** The user id (same as `id`). Always present. */
  value: number;
  id: number;
  /** Filled in v2 mode from GET /v1/users when that user is known. */
  name?: string;
  email?: string;
  has_pic?: number | boolean;
  pic_hash?: string | null;
  active_flag?: boolean;
}

export interface PictureRef {
  value?: number;
  id?: number;
  item_type: string;
  item_id: number;
  active_flag: boolean;
  add_time: string;
  update_time: string;
  added_by_user_id: number;
  pictures: { '128': string; '512': string };
}

/** Address parts v1 flattens into the organization. */
export interface OrganizationAddressFields {
  address: string | null;
  address_subpremise?: string | null;
  address_street_number?: string | null;
  address_route?: string | null;
  address_sublocality?: string | null;
  address_locality?: string | null;
  address_admin_area_level_1?: string | null;
  address_admin_area_level_2?: string | null;
  address_country?: string | null;
  address_postal_code?: string | null;
  address_formatted_address?: string | null;
}

/** Per-organization counters of v1 (v1 only unless v2 returns them). */
export interface OrganizationCounts {
  email_messages_count?: number;
  people_count?: number;
  activities_count?: number;
  done_activities_count?: number;
  undone_activities_count?: number;
  files_count?: number;
  notes_count?: number;
  followers_count?: number;
  open_deals_count?: number;
  related_open_deals_count?: number;
  closed_deals_count?: number;
  related_closed_deals_count?: number;
  won_deals_count?: number;
  related_won_deals_count?: number;
  lost_deals_count?: number;
  related_lost_deals_count?: number;
}

/** GET /v1/organizations, GET /v1/organizations/{id}, POST and PUT: one organization. */
export interface Organization extends OrganizationAddressFields, OrganizationCounts {
  id: number;
  name: string;
  owner_id: UserRef;
  /** Filled in v2 mode from GET /v1/users when the owner is known. */
  owner_name?: string;
  active_flag: boolean;
  /** First character of the name, lower-cased by Pipedrive; computed from the name in v2 mode. */
  first_char: string;
  add_time: PipedriveDateTime;
  update_time: PipedriveDateTime;
  /** v1 sends visibility as a string: "1" | "3" | "5" | "7". */
  visible_to: string;
  /** v1's single label; in v2 mode the first of `label_ids` (or null). */
  label: number | null;
  label_ids: number[];
  /** v1 only. */
  company_id?: number;
  /** v1 only. */
  picture_id?: PictureRef | null;
  /** v1 only. */
  country_code?: string | null;
  /** v1 only. */
  cc_email?: string;
  next_activity_date?: string | null;
  next_activity_time?: string | null;
  next_activity_id?: number | null;
  last_activity_id?: number | null;
  last_activity_date?: string | null;
  /** v1 only (details, add). */
  edit_name?: boolean;
  /** v1 only (details). */
  last_activity?: Record<string, unknown> | null;
  /** v1 only (details). */
  next_activity?: Record<string, unknown> | null;
  /** v2 only: website, LinkedIn and firmographics (not in v1 responses). */
  website?: string | null;
  linkedin?: string | null;
  industry?: number | null;
  annual_revenue?: number | null;
  employee_count?: number | null;
  /** Custom field values keyed by their 40-character hash (v1 puts them top level; both are kept here). */
  custom_fields?: Record<string, unknown>;
  /** v1 puts custom fields as extra top-level keys. */
  [customField: string]: unknown;
}

/** GET /v1/organizations/collection: the lean record of the collection endpoint. */
export interface CollectionOrganization extends OrganizationAddressFields {
  id: number;
  active_flag: boolean;
  owner_id: number;
  name: string;
  update_time: PipedriveDateTime;
  delete_time: PipedriveDateTime | null;
  add_time: PipedriveDateTime;
  visible_to: string;
  label: number | null;
  label_ids: number[];
  /** v1 only. */
  cc_email?: string;
}

/** `related_objects` of the v1 organization routes. */
export interface OrganizationRelatedObjects {
  organization?: Record<string, { id: number; name: string; people_count?: number; owner_id?: number; address?: string | null; cc_email?: string | null; active_flag?: boolean }>;
  user?: Record<string, { id: number; name: string; email: string; has_pic: number | boolean; pic_hash: string | null; active_flag: boolean }>;
  picture?: Record<string, PictureRef>;
  person?: Record<string, { id: number; name: string; active_flag?: boolean; owner_id?: number; email?: ContactValue[]; phone?: ContactValue[] }>;
  stage?: Record<string, unknown>;
  pipeline?: Record<string, unknown>;
}

/** GET /v1/organizations/{id}: the record plus followers and dropbox address. */
export interface OrganizationDetails {
  organization: Organization;
  /** v1 only: followers keyed by user id. Empty in v2 mode (use listOrganizationFollowersV2). */
  followers: Record<string, { id: number; name: string; email: string; user_id: number; pic_hash: string | null }>;
  /** v1 only. */
  dropboxEmail?: string;
  relatedObjects?: OrganizationRelatedObjects;
}

export interface ContactValue {
  value: string;
  primary: boolean;
  label?: string;
}

/** A reference v1 embeds for a linked organization (`org_id` of deals and persons). */
export interface OrgRef {
  value: number;
  name?: string;
  people_count?: number;
  owner_id?: number;
  address?: string | null;
  active_flag?: boolean;
  cc_email?: string;
}

/** A reference v1 embeds for a linked person (`person_id` of deals). */
export interface PersonRef {
  value: number;
  name?: string;
  active_flag?: boolean;
  email?: ContactValue[];
  phone?: ContactValue[];
  owner_id?: number;
}

/** GET /v1/organizations/{id}/deals. Fields marked optional are v1 only unless noted. */
export interface Deal {
  id: number;
  title: string;
  creator_user_id: UserRef | null;
  /** The owner. */
  user_id: UserRef | null;
  person_id: PersonRef | null;
  org_id: OrgRef | null;
  stage_id: number;
  pipeline_id: number;
  value: number;
  currency: string;
  add_time: PipedriveDateTime;
  update_time: PipedriveDateTime;
  status: 'open' | 'won' | 'lost' | 'deleted' | string;
  active: boolean;
  deleted: boolean;
  probability: number | null;
  lost_reason: string | null;
  visible_to: string;
  close_time: string | null;
  won_time: string | null;
  lost_time: string | null;
  expected_close_date: string | null;
  stage_change_time?: string | null;
  is_archived?: boolean;
  next_activity_date?: string | null;
  next_activity_time?: string | null;
  next_activity_id?: number | null;
  last_activity_id?: number | null;
  last_activity_date?: string | null;
  first_won_time?: string | null;
  products_count?: number;
  files_count?: number;
  notes_count?: number;
  followers_count?: number;
  email_messages_count?: number;
  activities_count?: number;
  done_activities_count?: number;
  undone_activities_count?: number;
  participants_count?: number;
  last_incoming_mail_time?: string | null;
  last_outgoing_mail_time?: string | null;
  label?: string | null;
  label_ids?: number[];
  stage_order_nr?: number;
  person_name?: string;
  org_name?: string;
  next_activity_subject?: string;
  next_activity_type?: string;
  next_activity_duration?: string;
  next_activity_note?: string;
  formatted_value?: string;
  weighted_value?: number;
  formatted_weighted_value?: string;
  weighted_value_currency?: string;
  rotten_time?: string | null;
  owner_name?: string;
  cc_email?: string;
  org_hidden?: boolean;
  person_hidden?: boolean;
  origin?: string;
  origin_id?: string | null;
  channel?: number | null;
  channel_id?: string | null;
  arr?: number | null;
  mrr?: number | null;
  acv?: number | null;
  arr_currency?: string | null;
  mrr_currency?: string | null;
  acv_currency?: string | null;
  [customField: string]: unknown;
}

/** GET /v1/organizations/{id}/persons. */
export interface Person {
  id: number;
  name: string;
  first_name: string | null;
  last_name: string | null;
  active_flag: boolean;
  phone: ContactValue[];
  email: ContactValue[];
  owner_id: UserRef | null;
  org_id: OrgRef | null;
  add_time: PipedriveDateTime;
  update_time: PipedriveDateTime;
  visible_to: string;
  label: number | null;
  label_ids: number[];
  /** v1 only. */
  company_id?: number;
  /** v1 only. */
  first_char?: string;
  picture_id?: PictureRef | null;
  org_name?: string;
  owner_name?: string;
  cc_email?: string;
  email_messages_count?: number;
  activities_count?: number;
  done_activities_count?: number;
  undone_activities_count?: number;
  files_count?: number;
  notes_count?: number;
  followers_count?: number;
  last_incoming_mail_time?: string | null;
  last_outgoing_mail_time?: string | null;
  open_deals_count?: number;
  related_open_deals_count?: number;
  closed_deals_count?: number;
  related_closed_deals_count?: number;
  won_deals_count?: number;
  related_won_deals_count?: number;
  lost_deals_count?: number;
  related_lost_deals_count?: number;
  next_activity_date?: string | null;
  next_activity_time?: string | null;
  next_activity_id?: number | null;
  last_activity_id?: number | null;
  last_activity_date?: string | null;
  [customField: string]: unknown;
}

/** GET /v1/organizations/{id}/activities. */
export interface Activity {
  id: number;
  subject: string;
  type: string;
  done: boolean;
  due_date: string | null;
  due_time: string | null;
  duration: string | null;
  /** The assignee. */
  user_id: number | null;
  deal_id: number | null;
  lead_id: string | null;
  person_id: number | null;
  org_id: number | null;
  project_id: number | null;
  location: string | null;
  public_description: string | null;
  note: string | null;
  busy_flag: boolean | null;
  participants: Array<{ person_id: number; primary_flag?: boolean; primary?: boolean }> | null;
  attendees: Array<Record<string, unknown>> | null;
  active_flag: boolean;
  add_time: PipedriveDateTime;
  update_time: PipedriveDateTime;
  marked_as_done_time: string | null;
  company_id?: number;
  reference_type?: string;
  reference_id?: number;
  conference_meeting_client?: string;
  conference_meeting_url?: string;
  conference_meeting_id?: string;
  last_notification_time?: string;
  last_notification_user_id?: number;
  notification_language_id?: number;
  update_user_id?: number;
  gcal_event_id?: string;
  google_calendar_id?: string;
  google_calendar_etag?: string;
  calendar_sync_include_context?: string;
  source_timezone?: string;
  rec_rule?: string;
  rec_rule_extension?: string;
  rec_master_activity_id?: number;
  series?: unknown[];
  created_by_user_id?: number;
  location_subpremise?: string | null;
  location_street_number?: string | null;
  location_route?: string | null;
  location_sublocality?: string | null;
  location_locality?: string | null;
  location_admin_area_level_1?: string | null;
  location_admin_area_level_2?: string | null;
  location_country?: string | null;
  location_postal_code?: string | null;
  location_formatted_address?: string | null;
  org_name?: string;
  person_name?: string;
  deal_title?: string;
  owner_name?: string;
  person_dropbox_bcc?: string;
  deal_dropbox_bcc?: string;
  assigned_to_user_id?: number;
  file?: Record<string, unknown>;
}

/** `additional_data.activity_distribution` of the activities route (v1 only). */
export type ActivityDistribution = Record<
  string,
  { activities: Record<string, number>; name: string; activity_count: number; share: number }
>;

/** GET /v1/organizations/{id}/changelog. */
export interface OrganizationChange {
  field_key: string;
  old_value: string | null;
  new_value: string | null;
  actor_user_id: number;
  time: PipedriveDateTime;
  change_source: string | null;
  change_source_user_agent: string | null;
  is_bulk_update_flag: boolean;
}

/** GET /v1/organizations/{id}/files. */
export interface OrganizationFile {
  id: number;
  user_id: number;
  deal_id: number | null;
  person_id: number | null;
  org_id: number | null;
  product_id: number | null;
  activity_id: number | null;
  lead_id: string | null;
  project_id?: number | null;
  log_id?: number | null;
  add_time: PipedriveDateTime;
  update_time: PipedriveDateTime;
  file_name: string;
  file_type?: string;
  file_size: number;
  active_flag: boolean;
  inline_flag: boolean;
  remote_location: string;
  remote_id: string;
  cid: string;
  s3_bucket: string;
  mail_message_id: string;
  mail_template_id: string;
  deal_name: string;
  person_name: string;
  people_name?: string;
  org_name: string;
  product_name: string;
  lead_name: string;
  project_name?: string;
  url: string;
  name: string;
  description: string;
}

/** GET /v1/organizations/{id}/flow: one update (`data` depends on `object`). */
export interface FlowItem {
  /** e.g. organizationChange, activity, plannedActivity, note, file, deal, follower, mailMessage. */
  object: string;
  timestamp: PipedriveDateTime;
  data: Record<string, unknown>;
}

export type FlowItemType =
  | 'activity'
  | 'plannedActivity'
  | 'note'
  | 'file'
  | 'change'
  | 'deal'
  | 'follower'
  | 'participant'
  | 'mailMessage'
  | 'mailMessageWithAttachment'
  | 'invoice'
  | 'activityFile'
  | 'document';

/** GET /v1/organizations/{id}/followers and POST: one follower. */
export interface OrganizationFollower {
  /** The follower id (what DELETE /v1/organizations/{id}/followers/{follower_id} takes). */
  id: number;
  org_id: number;
  user_id: number;
  add_time: PipedriveDateTime;
}

export interface MailParty {
  id: number;
  email_address: string;
  name: string;
  linked_person_id: number | null;
  linked_person_name: string | null;
  mail_message_party_id: number;
}

type Flag = 0 | 1;

/** GET /v1/organizations/{id}/mailMessages: one item of the mail flow. */
export interface MailMessageItem {
  object: string;
  timestamp: PipedriveDateTime;
  data: {
    id: number;
    from: MailParty[];
    to: MailParty[];
    cc: MailParty[];
    bcc: MailParty[];
    body_url: string;
    body?: string;
    account_id: string;
    user_id: number;
    mail_thread_id: number;
    subject: string;
    snippet: string;
    mail_tracking_status: 'opened' | 'not opened' | null;
    mail_link_tracking_enabled_flag: Flag;
    read_flag: Flag;
    draft: string;
    draft_flag: Flag;
    synced_flag: Flag;
    deleted_flag: Flag;
    has_body_flag: Flag;
    sent_flag: Flag;
    sent_from_pipedrive_flag: Flag;
    smart_bcc_flag: Flag;
    message_time: string;
    add_time: string;
    update_time: string;
    has_attachments_flag: Flag;
    has_inline_attachments_flag: Flag;
    has_real_attachments_flag: Flag;
    nylas_id?: string;
    s3_bucket?: string;
    s3_bucket_path?: string;
    external_deleted_flag?: boolean;
    mua_message_id?: string;
    template_id?: number | null;
    timestamp?: string;
    item_type?: string;
    company_id?: number;
  };
}

/** v2 address object. */
export interface AddressV2 {
  value: string | null;
  country?: string | null;
  admin_area_level_1?: string | null;
  admin_area_level_2?: string | null;
  locality?: string | null;
  sublocality?: string | null;
  route?: string | null;
  street_number?: string | null;
  subpremise?: string | null;
  postal_code?: string | null;
}

/** GET /api/v2/organizations(/{id}): the v2 organization. */
export interface OrganizationV2 {
  id: number;
  name: string;
  owner_id: number;
  /** RFC 3339, e.g. 2021-01-01T00:00:00Z. */
  add_time: string;
  update_time: string;
  is_deleted: boolean;
  visible_to: number;
  address: AddressV2 | null;
  label_ids: number[];
  website?: string | null;
  linkedin?: string | null;
  industry?: number | null;
  annual_revenue?: number | null;
  employee_count?: number | null;
  custom_fields: Record<string, unknown>;
  /** Present when requested with include_fields. */
  [includedField: string]: unknown;
}

/** GET /api/v2/organizations/{id}/followers. */
export interface FollowerV2 {
  user_id: number;
  add_time: string;
}

/** GET /api/v2/organizations/{id}/followers/changelog. */
export interface FollowerChangeV2 {
  action: 'added' | 'removed' | string;
  actor_user_id: number;
  follower_user_id: number;
  time: string;
}

/** GET /api/v2/organizations/search: one hit. */
export interface OrganizationSearchHit {
  result_score: number;
  item: {
    id: number;
    type: 'organization' | string;
    name: string;
    address: string | null;
    visible_to: number;
    owner: { id: number };
    custom_fields: unknown[];
    notes: unknown[];
  };
}

/** GET /api/v2/deals?org_id=. */
export interface DealV2 {
  id: number;
  title: string;
  creator_user_id: number | null;
  owner_id: number | null;
  person_id: number | null;
  org_id: number | null;
  stage_id: number;
  pipeline_id: number;
  value: number;
  currency: string;
  add_time: string;
  update_time: string;
  stage_change_time?: string | null;
  is_deleted: boolean;
  is_archived?: boolean;
  status: string;
  probability: number | null;
  lost_reason: string | null;
  visible_to: number;
  close_time: string | null;
  won_time: string | null;
  lost_time: string | null;
  expected_close_date: string | null;
  label_ids?: number[];
  custom_fields?: Record<string, unknown>;
  [field: string]: unknown;
}

/** GET /api/v2/persons?org_id=. */
export interface PersonV2 {
  id: number;
  name: string;
  first_name: string | null;
  last_name: string | null;
  owner_id: number | null;
  org_id: number | null;
  add_time: string;
  update_time: string;
  emails: ContactValue[];
  phones: ContactValue[];
  is_deleted: boolean;
  visible_to: number;
  label_ids: number[];
  picture_id?: number | null;
  custom_fields?: Record<string, unknown>;
  [field: string]: unknown;
}

/** GET /api/v2/activities?org_id=. */
export interface ActivityV2 {
  id: number;
  subject: string;
  type: string;
  owner_id: number | null;
  creator_user_id?: number | null;
  is_deleted: boolean;
  add_time: string;
  update_time: string;
  deal_id: number | null;
  lead_id: string | null;
  person_id: number | null;
  org_id: number | null;
  project_id: number | null;
  due_date: string | null;
  due_time: string | null;
  duration: string | null;
  busy: boolean | null;
  done: boolean;
  marked_as_done_time: string | null;
  location: (AddressV2 & Record<string, unknown>) | null;
  participants: Array<{ person_id: number; primary: boolean }> | null;
  attendees: Array<Record<string, unknown>> | null;
  public_description: string | null;
  note: string | null;
  priority?: number | null;
  [field: string]: unknown;
}

/** GET /v1/users/me and GET /v1/users. */
export interface User {
  id: number;
  name: string;
  email: string;
  active_flag: boolean;
  is_admin?: number | boolean;
  has_pic?: number | boolean;
  pic_hash?: string | null;
  role_id?: number;
  timezone_name?: string;
  default_currency?: string;
  locale?: string;
  lang?: number;
  company_id?: number;
  company_name?: string;
  company_domain?: string;
  [field: string]: unknown;
}

/** GET /v1/organizationFields. */
export interface OrganizationField {
  id: number;
  key: string;
  name: string;
  field_type: string;
  order_nr?: number;
  add_time?: string;
  update_time?: string;
  active_flag?: boolean;
  edit_flag?: boolean;
  mandatory_flag?: boolean | Record<string, unknown>;
  options?: Array<{ id: number | string; label: string; color?: string }>;
  [field: string]: unknown;
}

/** GET /v1/filters?type=org. */
export interface Filter {
  id: number;
  name: string;
  type: string;
  active_flag: boolean;
  visible_to?: string | number;
  user_id?: number;
  add_time?: string;
  update_time?: string;
  custom_view_id?: number | null;
  [field: string]: unknown;
}
