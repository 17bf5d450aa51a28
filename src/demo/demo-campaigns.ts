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
  },
  {
    code: 'FCF-Y1',
    name: 'Foster Care Fortnight (last year)',
    channel: 'digital',
    startsDaysAgo: 560,
    days: 14,
    costs: [{ description: 'Boosted social posts', amountPence: 40_000 }],
    lift: 2.2,
  },
  {
    code: 'NEWS-ADS',
    name: 'Local newspaper adverts (4 insertions)',
    channel: 'print',
    startsDaysAgo: 470,
    days: 42,
    costs: [{ description: '4 adverts (+VAT)', amountPence: 70_448 }],
    lift: 1.4,
  },
  {
    code: 'COUNTY-SHOW',
    name: 'Stall at the county show',
    channel: 'event',
    startsDaysAgo: 500,
    days: 3,
    costs: [{ description: 'Wristbands for children', amountPence: 2_600 }],
    lift: 3,
  },
  {
    code: 'STATION',
    name: 'Railway station display',
    channel: 'outdoor',
    startsDaysAgo: 330,
    days: 365,
    costs: [{ description: 'Display, 12 months (+VAT)', amountPence: 149_500 }],
    lift: 1.15,
  },
  {
    code: 'RADIO-WINTER',
    name: 'Local radio, winter appeal',
    channel: 'broadcast',
    startsDaysAgo: 300,
    days: 28,
    costs: [{ description: 'Radio airtime and production (+VAT)', amountPence: 250_000 }],
    lift: 1.6,
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
  },
  {
    code: 'PRIDE',
    name: 'Stall at Pride',
    channel: 'event',
    startsDaysAgo: 150,
    days: 2,
    costs: [],
    lift: 2.5,
  },
  {
    code: 'TIKTOK-AUT',
    name: 'TikTok carers’ stories',
    channel: 'digital',
    startsDaysAgo: 75,
    days: 45,
    costs: [{ description: 'Promoted videos', amountPence: 80_000 }],
    lift: 1.3,
  },
];
