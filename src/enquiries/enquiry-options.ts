/** The fixed lists an enquiry is described with, and their labels for people. */

export const channels = ['phone', 'email', 'web_form', 'event', 'social', 'walk_in', 'other'] as const;
export type Channel = (typeof channels)[number];
export const channelLabels: Record<Channel, string> = {
  phone: 'Phone',
  email: 'Email',
  web_form: 'Web form',
  event: 'At an event',
  social: 'Social media message',
  walk_in: 'Walk-in',
  other: 'Other',
};

/**
 * How a household comes to foster. `family_and_friends` is a connected person (a relative, friend
 * or other person connected with a child) assessed to foster that child, often after the child was
 * placed with them under reg. 24 of the Care Planning, Placement and Case Review (England)
 * Regulations 2010. Ofsted's fostering data collection counts them apart from mainstream fostering.
 */
export const routes = ['mainstream', 'transfer', 'family_and_friends'] as const;
export type Route = (typeof routes)[number];
export const routeLabels: Record<Route, string> = {
  mainstream: 'New to fostering',
  transfer: 'Approved carer transferring from another agency',
  family_and_friends: 'Family and friends (connected person)',
};
/** The routes someone can choose on the public enquiry form: a connected person is referred by the child's social worker. */
export const publicRoutes = ['mainstream', 'transfer'] as const satisfies readonly Route[];

/** "How did you hear about us?", grouped by the marketing channel each belongs to. */
export const heardAboutOptions = {
  search_engine: 'Searching online',
  council_website: 'The council website',
  social_media: 'Social media (Facebook, Instagram, TikTok)',
  outdoor_advert: 'A billboard, poster or bus advert',
  print_advert: 'A newspaper, magazine or leaflet',
  radio_tv: 'Radio or television',
  event: 'An event, stall or information session',
  foster_carer: 'A foster carer I know',
  friend_family: 'Friends or family',
  work_or_partner: 'My employer or another organisation',
  other: 'Somewhere else',
} as const;
export type HeardAbout = keyof typeof heardAboutOptions;
export const heardAboutCodes = Object.keys(heardAboutOptions) as [HeardAbout, ...HeardAbout[]];

export const contactMethods = {
  phone: 'Phone call',
  email: 'Email',
  text: 'Text message',
  letter: 'Letter',
  in_person: 'In person',
} as const;
export const contactOutcomes = {
  reached: 'Spoke to them',
  no_answer: 'No answer',
  left_message: 'Left a message',
  sent: 'Sent, waiting for a reply',
} as const;
export type ContactMethod = keyof typeof contactMethods;
export type ContactOutcome = keyof typeof contactOutcomes;
