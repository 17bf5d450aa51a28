/**
 * The words trackers use in their cells (statuses, reasons, sources, routes, consent) and what each
 * means here (issue 14 §2). Cells are compared by `wordKey` (vocabulary.ts): case, punctuation and
 * spacing ignored, bracketed words kept. Only add words whose meaning is certain: anything not listed
 * is left for the person to choose.
 */
import type { Channel, Route } from '../enquiries/enquiry-options.ts';
import { closeReasons, deregistrationReasons } from '../pipeline/stages.ts';
import type { StatusValue } from './import-types.ts';

const closed = (reason: string): StatusValue => ({ stage: 'closed', reason });
const deregistered = (reason: string): StatusValue => ({ stage: 'deregistered', reason });

/** Free-text statuses and stages. "IV booked" is still an enquiry: the visit has not happened. */
export const statusWords: [string[], StatusValue][] = [
  [
    ['Enquiry', 'New enquiry', 'New', 'Enquired', 'IV booked', 'IV arranged', 'Initial visit booked'],
    { stage: 'enquiry' },
  ],
  [
    ['IV done', 'IV completed', 'Initial visit done', 'Initial visit completed', 'Visited'],
    { stage: 'initial_visit' },
  ],
  [['Application', 'Application received', 'Applied'], { stage: 'application' }],
  [
    ['Assessment', 'In assessment', 'Assessment started', 'Being assessed', 'Stage 1', 'Stage 2'],
    { stage: 'assessment' },
  ],
  [['Panel', 'Panel booked', 'Booked for panel', 'Awaiting panel'], { stage: 'panel' }],
  [['Approved', 'Approved carer', 'Approved foster carer'], { stage: 'approved' }],
  [['Withdrawn', 'Closed', 'NFA', 'No further action'], closed('AW0')],
  [['Withdrawn - finances', 'Withdrawn - financial', 'Withdrawn - financial reasons'], closed('AW4')],
  [
    [
      'Withdrawn - circumstances changed',
      'Withdrawn - change of circumstances',
      'Withdrawn - health',
      'Withdrawn - ill health',
      'Withdrawn - family circumstances',
    ],
    closed('AW3'),
  ],
  [['Withdrawn - fostering not as expected', 'Withdrawn - not as expected'], closed('AW1')],
  [['Withdrawn - assessment process not as expected', 'Withdrawn - process'], closed('AW2')],
  [['Withdrawn - allegations', 'Withdrawn - risk of allegations'], closed('AW5')],
  [['No response', 'No contact', 'No reply', 'Closed - no response', 'Lost contact'], closed('no_response')],
  [['Not suitable', 'Unsuitable', 'Counselled out', 'Screened out'], closed('not_suitable')],
  [['Not recommended', 'Panel not recommended', 'Not recommended by panel'], closed('not_recommended')],
  [['Not approved', 'Refused', 'ADM refused', 'Decision maker refused'], closed('refused')],
  [['Retired'], deregistered('retired')],
  [['Deregistered', 'Resigned'], deregistered('other')],
  [['Transferred out', 'Transferred to another agency'], deregistered('transferred_out')],
];

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

/** How the enquiry came in ("Source", "How did you hear"). Only certain matches are listed. */
export const channelWords: [string[], Channel][] = [
  [['Phone', 'Phone call', 'Telephone', 'Call', 'Tel', 'Phoned'], 'phone'],
  [['Email', 'E-mail'], 'email'],
  [
    ['Website', 'Web', 'Web form', 'Online', 'Online form', 'Council website', 'Web enquiry', 'Internet'],
    'web_form',
  ],
  [['Event', 'Information session', 'Info session', 'Information evening', 'Stall', 'Show'], 'event'],
  [['Facebook', 'Instagram', 'TikTok', 'Twitter', 'Social media', 'Social', 'LinkedIn'], 'social'],
  [['Walk in', 'Walk-in', 'Drop in', 'In person', 'Called in'], 'walk_in'],
  [['Other'], 'other'],
];

/**
 * Transfer, new to fostering, or family and friends ("Transfer": Yes/No; "Route"/"Type":
 * Transfer/Mainstream/Kinship). Family and friends is a connected person: a relative or friend of
 * the child (Care Planning Regulations 2010, reg. 24).
 */
export const routeWords: [string[], Route][] = [
  [['Transfer', 'Transfer in', 'Transferring', 'Transferring carer', 'Yes', 'Y', 'True'], 'transfer'],
  [['Mainstream', 'New', 'New to fostering', 'No', 'N', 'False'], 'mainstream'],
  [
    [
      'Family and friends',
      'Family & friends',
      'F&F',
      'Friends and family',
      'Connected person',
      'Connected persons',
      'Connected carer',
      'Kinship',
      'Kinship care',
      'Kinship carer',
    ],
    'family_and_friends',
  ],
];

/** Consent cells: only these say yes or no; a blank cell says nothing. */
export const consentWords: [string[], boolean][] = [
  [['Yes', 'Y', 'True', '1', 'Opted in', 'Opt in', 'Consented', 'Consent given'], true],
  [['No', 'N', 'False', '0', 'Opted out', 'Opt out', 'No consent', 'Declined'], false],
];
