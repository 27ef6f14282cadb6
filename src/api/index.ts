// The public surface of the Pipedrive client. Nothing here imports vscode.
export { PipedriveClient, type ClientOptions, type ActivitiesPage } from './PipedriveClient';
export { API_MODES, ALL_RETIRABLE_OPERATIONS, type ApiMode, type RetirableOperation } from './fallback';
export { DEFAULT_BASE_URL, normalizeBaseUrl, type PipedriveClientOptions } from './PipedriveApiBase';
export { PipedriveError, isPipedriveError, redact, type PipedriveErrorKind } from './PipedriveError';
export { PartialDeleteError, isPartialDeleteError, type DeleteFailure } from './PartialDeleteError';
export type { RequestEvent, TokenSource, WaitEvent } from './HttpTransport';
export type { Clock } from './Clock';
export { systemClock } from './Clock';
export type { PacingOptions } from './RequestPacer';
export type { RetryOptions } from './retryPolicy';
export * from './validators';
export * from './records';
export * from './params';
export type { OffsetPage, CursorPage, PagePosition } from './pages';
export { iterate } from './pages';
export { sameFirstChar } from './OrganizationIndex';
export { toRfc3339, toV1DateTime, firstCharOf } from './v2Mapping';
export { recentsPageFromBody, type RecentOrganization, type RecentsPage } from './recents';
