// The sandbox's internal records. Routes turn these into v1 or v2 shapes (see shapes*.ts), so one
// store serves both API versions and a change made through one is visible through the other.

export interface Address {
  value: string;
  country: string;
  admin_area_level_1: string;
  admin_area_level_2: string;
  locality: string;
  sublocality: string;
  route: string;
  street_number: string;
  subpremise: string;
  postal_code: string;
}

export type Visibility = 1 | 3 | 5 | 7;

export interface Org {
  id: number;
  name: string;
  ownerId: number;
  addTime: number;
  updateTime: number;
  visibleTo: Visibility;
  labelIds: number[];
  address: Address | null;
  website: string | null;
  linkedin: string | null;
  industry: number | null;
  annualRevenue: number | null;
  employeeCount: number | null;
  /** Keyed by the 40-hex field key; values in v2 form (option ids, {value,currency}, dates). */
  custom: Record<string, unknown>;
  notes: string[];
  deleted: boolean;
  /** When it was deleted or merged away (a merge deletes the merged org); recents reports it after that. */
  deleteTime: number | null;
  /** Set when the org was merged into another and so deleted. */
  mergedIntoId?: number;
}

export interface Person {
  id: number;
  orgId: number | null;
  name: string;
  firstName: string;
  lastName: string;
  ownerId: number;
  email: string;
  phone: string;
  addTime: number;
  updateTime: number;
  deleted: boolean;
}

export type DealStatus = 'open' | 'won' | 'lost' | 'deleted';

export interface Deal {
  id: number;
  title: string;
  /** Null for deals linked to the org only through a person (a non-primary association). */
  orgId: number | null;
  /** The org whose seeded data created the deal; how non-primary deals find their org. */
  relatedOrgId: number;
  personId: number | null;
  ownerId: number;
  creatorId: number;
  value: number;
  currency: string;
  status: DealStatus;
  stageId: number;
  addTime: number;
  updateTime: number;
  closeTime: number | null;
  lostReason: string | null;
}

export interface Activity {
  id: number;
  orgId: number;
  personId: number | null;
  dealId: number | null;
  ownerId: number;
  type: string;
  subject: string;
  done: boolean;
  dueTime: number;
  addTime: number;
  updateTime: number;
  markedDoneTime: number | null;
  note: string;
}

export interface FileRec {
  id: number;
  orgId: number;
  userId: number;
  dealId: number | null;
  personId: number | null;
  name: string;
  fileType: string;
  size: number;
  addTime: number;
  updateTime: number;
}

export interface Follower {
  id: number;
  orgId: number;
  userId: number;
  addTime: number;
}

export interface FollowerChange {
  action: 'added' | 'removed';
  actorUserId: number;
  followerUserId: number;
  time: number;
}

export interface MailMessage {
  id: number;
  orgId: number;
  userId: number;
  subject: string;
  body: string;
  from: string;
  to: string;
  withAttachment: boolean;
  time: number;
}

export interface Change {
  id: number;
  fieldKey: string;
  oldValue: string | null;
  newValue: string | null;
  actorUserId: number;
  time: number;
  /** True for custom fields: flow shows them only with all_changes=1. */
  custom: boolean;
}

/** Flow items that are not backed by another record here (notes, invoices, documents...). */
export interface FlowExtra {
  id: number;
  object: 'note' | 'invoice' | 'document' | 'participant' | 'activityFile';
  userId: number;
  content: string;
  time: number;
}

/** Everything that hangs off one organization; built lazily on first access. */
export interface OrgSubs {
  persons: Person[];
  deals: Deal[];
  activities: Activity[];
  files: FileRec[];
  followers: Follower[];
  followerChanges: FollowerChange[];
  mails: MailMessage[];
  changes: Change[];
  extras: FlowExtra[];
}

export interface User {
  id: number;
  name: string;
  email: string;
  isAdmin: boolean;
  activeFlag: boolean;
}
