// One entry per Fault kind: what it does and a JSON example. A Record over Fault['kind'] makes the
// compiler demand an entry for every kind, so the control route's validation and `--help` (both
// generated from here) cannot drift from the Fault type.
import { Fault } from './types';

export interface FaultDoc { what: string; example: Fault }

export const FAULT_DOCS: Record<Fault['kind'], FaultDoc> = {
  'latency': { what: 'delay each matching response by `ms` (adds up with other faults)', example: { kind: 'latency', ms: 500 } },
  'rate-limit': {
    what: '429 "Request over limit" with x-ratelimit-* and Retry-After seconds (or an HTTP date with retryAfterAsDate)',
    example: { kind: 'rate-limit', retryAfterSeconds: 2, times: 3 },
  },
  'daily-budget': {
    what: '429 for a spent daily budget: x-daily-requests-left: 0, Retry-After resetSeconds (default: hours, to UTC midnight)',
    example: { kind: 'daily-budget', resetSeconds: 7200, times: 1 },
  },
  'status': { what: 'answer this HTTP status (5xx) with the error envelope; echoToken: true puts the request\'s token in error, error_info and errorCode (a hostile server)', example: { kind: 'status', status: 503, match: { method: 'GET', path: '^/api/v2/organizations$' } } },
  'hang': { what: 'accept the request and never answer', example: { kind: 'hang', match: { path: '/api/v2/organizations/9' }, times: 1 } },
  'reset': {
    what: 'destroy the socket without an answer (ECONNRESET); afterProcessing applies the request first',
    example: { kind: 'reset', afterProcessing: true, match: { method: 'POST' }, times: 1 },
  },
  'malformed-json': { what: 'answer 200 with a body that is not JSON', example: { kind: 'malformed-json', times: 1 } },
  'retire-v1': {
    what: 'the removed v1 routes answer 410 Gone (or the route-level 404) even in legacy-v1 mode',
    example: { kind: 'retire-v1', status: 410 },
  },
  'redirect': {
    what: 'answer a 3xx (status, default 302) whose Location is `location` (e.g. another local server)',
    example: { kind: 'redirect', location: 'http://127.0.0.1:9/elsewhere', times: 1 },
  },
  'huge-body': { what: 'answer 200 with a body of about `bytes` bytes', example: { kind: 'huge-body', bytes: 20000000, times: 1 } },
};

export const FAULT_KINDS = Object.keys(FAULT_DOCS) as Fault['kind'][];
