import { channelLabels, contactMethods, contactOutcomes, routeLabels } from '../enquiries/enquiry-options.ts';
import { closeReasons, deregistrationReasons, stageLabels } from '../pipeline/stages.ts';
import { consentWording } from '../privacy/consent-wording.ts';
import type { DataRequest } from './data-requests.repo.ts';
import { closeStatuses } from './data-requests.schema.ts';
import { kindLabels } from './data-requests.service.ts';
import { packPurposes, packRights, packSharing, packSources, retentionFallback } from './pack-wording.ts';
import type { ClockState } from './request-clock.ts';
import type { SubjectAccessPack } from './subject-access.service.ts';
import type { TransferOutPack } from './transfer-out.service.ts';

export const clockTags: Record<ClockState, { text: string; classes: string }> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due_today: { text: 'Due today', classes: 'govuk-tag--orange' },
  due_soon: { text: 'Due soon', classes: 'govuk-tag--yellow' },
  on_track: { text: 'On track', classes: 'govuk-tag--green' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
};

const SEARCH_KEYS = ['email', 'phone', 'name', 'postcode', 'request'] as const;

/** The search's own parameters, as a query string (for the JSON download link). */
function searchQuery(query: Record<string, unknown>) {
  const params = new URLSearchParams();
  for (const key of SEARCH_KEYS) {
    const value = query[key];
    if (typeof value === 'string' && value.trim() !== '') params.set(key, value);
  }
  return params.toString();
}

/** A request's page: its clock, the search prefilled from what the requester gave, closing it. */
export function requestPageModel(
  request: (DataRequest & { clock: ClockState }) | null,
  query: Record<string, unknown>,
) {
  const given = request?.requester ?? {};
  const pick = (key: 'email' | 'phone' | 'name' | 'postcode') =>
    typeof query[key] === 'string' ? (query[key] as string) : (given[key] ?? '');
  return {
    request,
    search: { email: pick('email'), phone: pick('phone'), name: pick('name'), postcode: pick('postcode') },
    kindLabels,
    clockTags,
    closeStatuses,
  };
}

const reasonLabels: Record<string, string> = { ...closeReasons, ...deregistrationReasons };

/** The printable pack: the data, grouped by household, with the explanations the law asks for. */
export function packPageModel(pack: SubjectAccessPack, query: Record<string, unknown>) {
  return {
    pack,
    downloadHref: `/subject-access/download?${searchQuery(query)}`,
    purposes: packPurposes,
    sources: packSources,
    sharing: packSharing,
    rights: packRights,
    retentionFallback,
    stageLabels,
    reasonLabels,
    channelLabels,
    routeLabels,
    contactMethods,
    contactOutcomes,
    consentWording,
  };
}

/** The printable carer record pack for another fostering service. */
export function transferPageModel(pack: TransferOutPack) {
  return { pack, stageLabels, reasonLabels, contactMethods, contactOutcomes };
}
