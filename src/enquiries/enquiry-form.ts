import { consentChannels } from '../privacy/consents.table.ts';
import { blankToUndefined } from '../shared/fields.ts';
import { checkedSet, dateFromParts, rowsOf } from '../web/form-input.ts';

const preferenceFlags = ['siblingGroups', 'respite', 'parentAndChild', 'longTerm'] as const;

/** The staff "New enquiry" form's fields, reshaped into the API's CreateEnquiry body. */
export function enquiryFormToInput(body: Record<string, unknown>) {
  const household = (body.household ?? {}) as Record<string, unknown>;
  const preferences = (body.preferences ?? {}) as Record<string, unknown>;
  // The first applicant is always sent, even blank, so its fields get their own errors ("Enter a
  // first name") and the error summary links to them; a blank second applicant means "none".
  const [first, ...others] = Array.isArray(body.applicants)
    ? body.applicants
    : Object.values((body.applicants ?? {}) as Record<string, unknown>);
  const applicants = [first ?? {}, ...rowsOf(others)].map((a) => {
    const row = a as Record<string, unknown>;
    return { ...row, dateOfBirth: dateFromParts(row.dateOfBirth) };
  });
  const members = rowsOf(body.members).map((m) => {
    const row = m as Record<string, unknown>;
    return { ...row, dateOfBirth: dateFromParts(row.dateOfBirth) };
  });
  return {
    receivedAt: dateFromParts(body.receivedAt),
    channel: blankToUndefined(body.channel),
    route: blankToUndefined(body.route),
    placedOn: dateFromParts(body.placedOn),
    campaignCode: body.campaignCode,
    heardAbout: body.heardAbout,
    sourceEventId: body.sourceEventId,
    household: {
      postcode: household.postcode,
      addressLine1: household.addressLine1,
      addressLine2: household.addressLine2,
      town: household.town,
    },
    applicants,
    members,
    preferences: {
      ageFrom: blankToUndefined(preferences.ageFrom),
      ageTo: blankToUndefined(preferences.ageTo),
      notes: preferences.notes,
      ...checkedSet(preferences.flags, preferenceFlags),
    },
    consent: checkedSet(body.consent, consentChannels),
    notes: body.notes,
    assignedOfficerId: body.assignedOfficerId,
    allowDuplicate: body.allowDuplicate === 'true',
    ...(body.council ? { council: body.council } : {}),
    ...(body.householdId ? { householdId: body.householdId } : {}),
  };
}
