import { campaignChannels, type CampaignChannel } from '../campaigns/campaign-options.ts';
import type { HeardAbout } from '../enquiries/enquiry-options.ts';

/** Marketing channels (docs/domain.md §6, attribution): the campaign channels, word of mouth, and "not known". */
export const marketingChannels = {
  ...campaignChannels,
  word_of_mouth: 'Word of mouth',
  unknown: 'Not known',
} as const;
export type MarketingChannel = keyof typeof marketingChannels;

/** The channel each "how did you hear about us?" answer belongs to. */
const heardAboutChannel: Record<HeardAbout, MarketingChannel> = {
  search_engine: 'digital',
  council_website: 'digital',
  social_media: 'digital',
  outdoor_advert: 'outdoor',
  print_advert: 'print',
  radio_tv: 'broadcast',
  event: 'event',
  foster_carer: 'word_of_mouth',
  friend_family: 'word_of_mouth',
  work_or_partner: 'partner',
  other: 'other',
};

/**
 * First touch: a household belongs to the campaign whose code its enquiry carried (from the web
 * form link, or the event it came from), and so to that campaign's channel; without a known code,
 * to the channel of what they said when asked how they heard about us.
 */
export function channelOf(
  campaignCode: string,
  heardAbout: string,
  campaignChannel: ReadonlyMap<string, CampaignChannel>,
): MarketingChannel {
  return (
    campaignChannel.get(campaignCode) ??
    (heardAbout ? (heardAboutChannel[heardAbout as HeardAbout] ?? 'other') : 'unknown')
  );
}
