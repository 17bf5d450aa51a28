import type { Rag } from '../campaigns/campaign-options.ts';

/**
 * The demo council's marketing: real kinds of activity with real-world costs (pence, before VAT),
 * placed relative to today. Enquiries during each window are partly attributed to it.
 */
export interface DemoCampaign {
  code: string;
  name: string;
  channel: 'outdoor' | 'print' | 'digital' | 'broadcast' | 'event' | 'internal' | 'partner' | 'other';
  /** Days before today the campaign started, and how long it ran. */
  startsDaysAgo: number;
  days: number;
  costs: { description: string; amountPence: number }[];
  /** How strongly it lifts enquiries while it runs (1 = no lift). */
  lift: number;
  /** The action plan's notes, oldest first, spread over the campaign's life; the last rating is its current one. */
  progress: { rag: Rag; note: string }[];
  /** A review set this long after the end and not yet done; otherwise the final note is the review. */
  reviewDaysAfterEnd?: number;
}

export const demoCampaigns: DemoCampaign[] = [
  {
    code: 'BILLBOARD-A47',
    name: 'Roadside billboard, A47 roundabout',
    channel: 'outdoor',
    startsDaysAgo: 700,
    days: 365,
    costs: [
      { description: 'Billboard, 12 months (+VAT)', amountPence: 390_000 },
      { description: 'Poster printing (+VAT)', amountPence: 35_000 },
    ],
    lift: 1.25,
    progress: [
      { rag: 'green', note: 'Billboard up on the A47 roundabout. Photos shared with the team.' },
      { rag: 'amber', note: 'Poster torn in the storm. The site owner is replacing it at no cost.' },
      {
        rag: 'green',
        note: 'Year-end review: steady web enquiries mentioning the roundabout. Not renewing; budget moves to the station display.',
      },
    ],
  },
  {
    code: 'FCF-Y1',
    name: 'Foster Care Fortnight (last year)',
    channel: 'digital',
    startsDaysAgo: 560,
    days: 14,
    costs: [{ description: 'Boosted social posts', amountPence: 40_000 }],
    lift: 2.2,
    progress: [
      { rag: 'green', note: 'Posts scheduled for every day of the fortnight, with three carers’ stories.' },
      { rag: 'green', note: 'Fortnight finished: the busiest two weeks for web enquiries this year.' },
    ],
  },
  {
    code: 'NEWS-ADS',
    name: 'Local newspaper adverts (4 insertions)',
    channel: 'print',
    startsDaysAgo: 470,
    days: 42,
    costs: [{ description: '4 adverts (+VAT)', amountPence: 70_448 }],
    lift: 1.4,
    progress: [
      { rag: 'amber', note: 'First advert ran a week late after a booking mix-up at the paper.' },
      { rag: 'green', note: 'All four adverts have run. Phone enquiries picked up after each one.' },
    ],
  },
  {
    code: 'COUNTY-SHOW',
    name: 'Stall at the county show',
    channel: 'event',
    startsDaysAgo: 500,
    days: 3,
    costs: [{ description: 'Wristbands for children', amountPence: 2_600 }],
    lift: 3,
    progress: [
      { rag: 'green', note: 'Stall set up next to the food hall. Wristbands going down well with families.' },
      {
        rag: 'green',
        note: 'Three busy days. Contact details taken with consent; officers are following up.',
      },
    ],
  },
  {
    code: 'STATION',
    name: 'Railway station display',
    channel: 'outdoor',
    startsDaysAgo: 330,
    days: 365,
    costs: [{ description: 'Display, 12 months (+VAT)', amountPence: 149_500 }],
    lift: 1.15,
    progress: [
      { rag: 'green', note: 'Display installed in the main concourse.' },
      {
        rag: 'amber',
        note: 'Platform works have closed the concourse entrance, so far fewer people pass the display. Asked the station about moving it.',
      },
    ],
  },
  {
    code: 'RADIO-WINTER',
    name: 'Local radio, winter appeal',
    channel: 'broadcast',
    startsDaysAgo: 300,
    days: 28,
    costs: [{ description: 'Radio airtime and production (+VAT)', amountPence: 250_000 }],
    lift: 1.6,
    progress: [
      { rag: 'green', note: 'Advert recorded with one of our carers. Airing at breakfast and drive time.' },
      { rag: 'green', note: 'Finished. Calls went up in the weeks it ran; worth repeating next winter.' },
    ],
  },
  {
    code: 'FCF-Y2',
    name: 'Foster Care Fortnight (this year)',
    channel: 'digital',
    startsDaysAgo: 195,
    days: 14,
    costs: [
      { description: 'Facebook and Instagram adverts', amountPence: 60_000 },
      { description: 'Staff email signatures', amountPence: 0 },
    ],
    lift: 2.4,
    progress: [
      { rag: 'green', note: 'Adverts approved and staff email signatures updated across the council.' },
      { rag: 'green', note: 'Another strong fortnight. Comments from local carers on Instagram helped.' },
    ],
  },
  {
    code: 'PRIDE',
    name: 'Stall at Pride',
    channel: 'event',
    startsDaysAgo: 150,
    days: 2,
    costs: [],
    lift: 2.5,
    progress: [{ rag: 'green', note: 'Two carers staffed the stall with us and talked to lots of people.' }],
  },
  {
    code: 'TIKTOK-AUT',
    name: 'TikTok carers’ stories',
    channel: 'digital',
    startsDaysAgo: 75,
    days: 45,
    costs: [{ description: 'Promoted videos', amountPence: 80_000 }],
    lift: 1.3,
    progress: [
      { rag: 'green', note: 'First three carer videos posted.' },
      { rag: 'amber', note: 'Plenty of views but few people click through to the enquiry form.' },
      {
        rag: 'red',
        note: 'Well short of the enquiries hoped for: the promoted videos are not reaching local people. Review before spending more.',
      },
    ],
    reviewDaysAfterEnd: 14,
  },
];
