import { z } from 'zod';
import {
  flag,
  optionalEmail,
  optionalPastDate,
  optionalPhone,
  optionalText,
  postcode,
} from '../shared/fields.ts';
import { optionalPersonName, personName } from '../shared/name-fields.ts';
import { relationships } from './households.table.ts';

export const HouseholdAddress = z.strictObject({
  postcode,
  addressLine1: optionalText('address line 1', 200),
  addressLine2: optionalText('address line 2', 200),
  town: optionalText('town or city', 100),
});

export const Applicant = z.strictObject({
  firstName: personName('a first name', 100),
  lastName: personName('a last name', 100),
  email: optionalEmail,
  phone: optionalPhone,
  dateOfBirth: optionalPastDate('date of birth'),
});

export const HouseholdMember = z.strictObject({
  firstName: personName('a first name', 100),
  lastName: optionalPersonName('last name', 100),
  dateOfBirth: optionalPastDate('date of birth'),
  relationship: z.enum(relationships, { error: 'Select how they are related to the applicants' }),
});

export const Preferences = z.strictObject({
  ageFrom: z.coerce
    .number({ error: 'Age must be 0 to 18' })
    .int('Age must be 0 to 18')
    .min(0, 'Age must be 0 to 18')
    .max(18, 'Age must be 0 to 18')
    .optional(),
  ageTo: z.coerce
    .number({ error: 'Age must be 0 to 18' })
    .int('Age must be 0 to 18')
    .min(0, 'Age must be 0 to 18')
    .max(18, 'Age must be 0 to 18')
    .optional(),
  siblingGroups: flag.optional(),
  respite: flag.optional(),
  parentAndChild: flag.optional(),
  longTerm: flag.optional(),
  notes: optionalText('notes about preferences', 2000),
});

/** A new household as an enquiry gives it: where they live, who they are, what they could offer. */
export interface NewHousehold {
  household: z.output<typeof HouseholdAddress>;
  applicants: z.output<typeof Applicant>[];
  members: z.output<typeof HouseholdMember>[];
  preferences: z.output<typeof Preferences>;
}
