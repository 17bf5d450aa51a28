import type { Relationship } from './households.table.ts';

export const relationshipLabels: Record<Relationship, string> = {
  partner: 'Partner',
  child: 'Child',
  adult_child: 'Adult son or daughter',
  parent: 'Parent',
  other_adult: 'Other adult',
  other_child: 'Other child',
};
