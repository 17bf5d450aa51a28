import { consentChannels } from '../privacy/consents.table.ts';
import { blankToUndefined, checkedSet, dateFromParts, rowsOf } from '../shared/form-input.ts';

const preferenceFlags = ['siblingGroups', 'respite', 'parentAndChild', 'longTerm'] as const;

/** The staff "New enquiry" form's fields, reshaped into the API's CreateEnquiry body. */
export function enquiryFormToInput(body: Record<string, unknown>) {
  const household = (body.household ?? {}) as Record<string, unknown>;
  const preferences = (body.preferences ?? {}) as Record<string, unknown>;
  const applicants = rowsOf(body.applicants).map((a) => {
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
    campaignCode: body.campaignCode,
    heardAbout: body.heardAbout,
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
    ...(body.householdId ? { householdId: body.householdId } : {}),
  };
}
