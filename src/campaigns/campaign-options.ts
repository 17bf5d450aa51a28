/** The channels comms teams group their activity by (docs/domain.md §7). */
export const campaignChannels = {
  outdoor: 'Outdoor',
  print: 'Print',
  digital: 'Digital and social',
  broadcast: 'Broadcast',
  event: 'Events and face to face',
  internal: 'Internal',
  partner: 'Partner referral',
  other: 'Other',
} as const;
export type CampaignChannel = keyof typeof campaignChannels;

export const rags = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
export type Rag = keyof typeof rags;

export const vatOptions = {
  plus_vat: '+ VAT',
  includes_vat: 'VAT included',
  no_vat: 'No VAT',
} as const;
export type Vat = keyof typeof vatOptions;
