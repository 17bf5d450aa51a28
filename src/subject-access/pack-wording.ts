/**
 * The plain-English parts of a subject access pack that the law asks for beside the data itself
 * (UK GDPR art. 15(1)(a)–(h)): why we hold it, where it came from, who it is shared with, how long
 * it is kept, and the person's rights. Councils adjust the wording through the template; the
 * sources are cited so a reviewer can check them.
 */
export const packPurposes = [
  {
    what: 'Your enquiry, contact details, the people in your household, visits, assessment, panel and decisions',
    why: 'To answer your enquiry about fostering and, if you apply, to assess and approve foster carers: the council’s public task under the Children Act 1989 and the Fostering Services (England) Regulations 2011 (UK GDPR art. 6(1)(e)).',
  },
  {
    what: 'Emails we sent you and our notes of calls and messages',
    why: 'To keep you informed about your enquiry, sessions you booked and next steps (public task).',
  },
  {
    what: 'Your marketing choices (email, post, phone, text)',
    why: 'To send news and events only if you said yes (your consent, UK GDPR art. 6(1)(a); the Privacy and Electronic Communications Regulations 2003). You can change them at any time.',
  },
  {
    what: 'Equality monitoring answers',
    why: 'Voluntary; used only in totals to check our recruitment reaches everyone (Equality Act 2010, public sector equality duty). Never used in decisions about you.',
  },
  {
    what: 'The record of who opened or changed your file',
    why: 'To keep your information secure and show who has seen it (UK GDPR art. 5(1)(f) and 32).',
  },
];

export const packSources = [
  'You: by phone, email, our web form, at events, or on your application.',
  'Our staff: notes of calls, visits and the assessment.',
  'Checks made during an assessment (for example DBS, medical and local authority checks, references), with your agreement.',
  'A regional fostering recruitment hub, if you enquired through it.',
];

export const packSharing = [
  'The fostering panel and the council’s decision maker, if you applied.',
  'Agencies that carry out statutory checks during an assessment (for example the Disclosure and Barring Service, your GP, other councils).',
  'Another fostering service, if you are an approved carer and ask to transfer (Fostering Services (England) Regulations 2011, reg. 32).',
  'Ofsted receives only totals, never your name.',
];

export const packRights = [
  'Ask us to correct anything that is wrong (UK GDPR art. 16).',
  'Ask us to erase your information (art. 17), unless the law requires us to keep it: records of approved foster carers are kept for 10 years after approval ends, and of refused or withdrawn applications for 3 years (Fostering Services (England) Regulations 2011, reg. 32).',
  'Ask us to restrict or object to how we use it (art. 18 and 21).',
  'Withdraw consent to marketing at any time, by the link in any email or by asking us.',
  'Complain to the Information Commissioner’s Office: ico.org.uk/make-a-complaint, 0303 123 1113.',
];

/** How long each retention rule keeps records, for the person, when the retention feature names no basis. */
export const retentionFallback =
  'We keep enquiry records for as long as our retention schedule says (normally 3 years after your last contact with us).';
