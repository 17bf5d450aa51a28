import { closeReasons, deregistrationReasons } from '../pipeline/stages.ts';

/**
 * Reason and outcome texts to reason codes (stages.ts). The codes and their labels are recognised
 * too ("AW4", "Financial reasons"). Words for a stage rather than a reason ("Approved", "Ongoing")
 * are 'ignore': the dates carry the history. "Moved away" is not listed: it is AW3 before approval
 * and `moved` after, so the person chooses.
 */
export const reasonWords: [string[], string][] = [
  [['Fostering not as expected', 'Not as expected'], 'AW1'],
  [['Assessment process not as expected', 'Process not as expected'], 'AW2'],
  [
    [
      'Circumstances changed',
      'Change of circumstances',
      'Change in circumstances',
      'Household circumstances',
      'Personal circumstances',
      'Family circumstances',
      'Withdrawn - circumstances changed',
      'Withdrawn - health',
      'Withdrawn - ill health',
      'Household circumstances changed (not financial)', // the service's label before Ofsted's wording
    ],
    'AW3',
  ],
  [
    [
      'Finances',
      'Financial',
      'Money',
      'Withdrawn - finances',
      'Withdrawn - financial',
      'Withdrawn - financial reasons',
      'Financial reasons', // the service's label before Ofsted's wording
    ],
    'AW4',
  ],
  [
    ['Allegations', 'Risk of allegations', 'Fear of allegations', 'Concern about the risk of allegations'],
    'AW5',
  ],
  [['Other', 'Unknown', 'Not known', 'Withdrawn', 'Other or unknown'], 'AW0'],
  [['No response', 'No contact', 'No reply', 'Lost contact', 'Uncontactable'], 'no_response'],
  [['Not suitable', 'Unsuitable', 'Counselled out', 'Screened out'], 'not_suitable'],
  [['Not recommended', 'Panel not recommended'], 'not_recommended'],
  [['Refused', 'Not approved', 'ADM refused', 'Decision maker refused'], 'refused'],
  [['Retired', 'Retirement'], 'retired'],
  [['Ill health', 'Health', 'Health reasons'], 'ill_health'],
  [['Standards of care', 'Standards of care concerns'], 'standards_of_care'],
  [['Transferred out', 'Transferred to another agency', 'Transferred to IFA'], 'transferred_out'],
  [['Approved', 'Ongoing', 'Open', 'Active', 'In progress', 'In assessment'], 'ignore'],
  // Every code and label, except `moved` ("Moved away"), which could as well be AW3 (see above).
  ...Object.entries({ ...closeReasons, ...deregistrationReasons })
    .filter(([code]) => code !== 'moved')
    .map(([code, label]): [string[], string] => [[code, label], code]),
];
