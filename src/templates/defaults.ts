/**
 * The built-in wording of every email, in plain English (GOV.UK style). An agency that has not
 * saved its own version of a template sends these words.
 */

export const templateKeys = [
  'welcome',
  'booking_booked',
  'booking_waitlisted',
  'booking_promoted',
  'booking_reminder',
  'event_cancelled',
  'nudge',
  'nurture',
  'after_initial_visit',
  'application_received',
  'stage_update',
  'exit_survey',
] as const;
export type TemplateKey = (typeof templateKeys)[number];

export const isTemplateKey = (key: string): key is TemplateKey =>
  (templateKeys as readonly string[]).includes(key);

export interface DefaultTemplate {
  name: string;
  description: string;
  subject: string;
  body: string;
}

const cantCome = 'If you can no longer come, just reply to this email and let us know.';
// Two lines, so an agency called "… Fostering" does not sign off "… Fostering fostering team".
const signOff = 'The fostering team\n((agency_name))';
const greeting = '((first_name??Dear ((first_name)),))';
// Optional parts ((name??text)): a sentence never reads "at , ." when a value is missing.
const when = '((event_when??, ((event_when))))';
const atEvent = `((event_title?? at ((event_title))))${when}`;
const forEvent = `((event_title?? for ((event_title))))${when}`;
const colonEvent = `((event_title??: ((event_title))))${when}`;
const lines = (...paragraphs: string[]) => paragraphs.join('\n\n');

export const defaultTemplates: Record<TemplateKey, DefaultTemplate> = {
  welcome: {
    name: 'Thank you for your enquiry',
    description: 'Sent within minutes of a new enquiry.',
    subject: 'Thank you for your enquiry',
    body: lines(
      greeting,
      'Thank you for getting in touch((agency_name?? with ((agency_name)))) about fostering.',
      'Someone from our fostering team will be in touch, usually by the end of the next working day. They will answer your questions and tell you what happens next. There is no commitment at this stage.',
      '((next_session_date??Our next information session, a relaxed talk with foster carers, is on ((next_session_date)).))',
      'If you have a question in the meantime, just reply to this email.',
      signOff,
    ),
  },
  booking_booked: {
    name: 'Place booked at a session',
    description: 'Sent when a household books a place at an information session or event.',
    subject: 'Your place((event_title??: ((event_title))))',
    body: lines(greeting, `Thank you for booking a place${atEvent}.`, '((event_where))', cantCome, signOff),
  },
  booking_waitlisted: {
    name: 'Put on the waiting list',
    description: 'Sent when a session is full and the household joins the waiting list.',
    subject: 'You are on the waiting list((event_title??: ((event_title))))',
    body: lines(
      greeting,
      `This session is full at the moment, so we have put you on the waiting list${forEvent}. We will email you if a place comes up.`,
      cantCome,
      signOff,
    ),
  },
  booking_promoted: {
    name: 'A place has come up',
    description: 'Sent when someone on the waiting list is given a place.',
    subject: 'A place has come up for you((event_title??: ((event_title))))',
    body: lines(
      greeting,
      `Good news: a place has come up${atEvent}, and it is yours.`,
      '((event_where))',
      cantCome,
      signOff,
    ),
  },
  booking_reminder: {
    name: 'Reminder before a session',
    description:
      'Sent to everyone with a place before a session: 2 days and 2 hours before, unless changed on the follow-up emails page.',
    subject: `Reminder((event_title??: ((event_title))))${when}`,
    body: lines(
      greeting,
      `This is a reminder that you have a place${atEvent}.`,
      '((event_where))',
      cantCome,
      signOff,
    ),
  },
  event_cancelled: {
    name: 'Session cancelled',
    description: 'Sent to everyone booked or waiting when a session is cancelled.',
    subject: 'Session cancelled((event_title??: ((event_title))))',
    body: lines(
      greeting,
      `We are sorry, but this session has been cancelled${colonEvent}. We will be in touch about another date.`,
      signOff,
    ),
  },
  nudge: {
    name: 'Checking in',
    description: 'A friendly check-in for someone we have not heard from for a while.',
    subject: 'Are you still thinking about fostering?',
    body: lines(
      greeting,
      'We have not heard from you for a little while, so we wanted to check in.',
      'Thinking about fostering can take time, and that is fine. If you have questions, or would like to talk to someone, just reply to this email and we will get back to you.',
      'If you would rather we did not contact you again, reply and let us know.',
      signOff,
    ),
  },
  nurture: {
    name: 'Keeping in touch',
    description:
      'The nurture sequence: an occasional email to someone not ready to foster yet, on the days set on the follow-up emails page.',
    subject: 'Still here when you are ready',
    body: lines(
      greeting,
      'When we last spoke, you told us the time was not quite right to start fostering. That is completely fine, and we wanted to let you know we are still here.',
      '((next_session_date??If you would like to hear more, our next information session is on ((next_session_date)). It is a relaxed talk with foster carers, with no commitment.))',
      'Whenever you are ready, or if you have a question, just reply to this email.',
      'If you would rather we did not contact you again, reply and let us know.',
      signOff,
    ),
  },
  after_initial_visit: {
    name: 'Thank you for meeting us',
    description: 'Sent when a household’s initial visit is recorded.',
    subject: 'Thank you for meeting us',
    body: lines(
      greeting,
      'Thank you for meeting us to talk about fostering. We hope the visit answered your questions.',
      'If you would like to go ahead, the next step is to apply. Reply to this email and we will send you the application form. Applying does not commit you to anything, and you can stop at any time.',
      'If you need more time to think, that is fine. You can ask us anything in the meantime.',
      signOff,
    ),
  },
  application_received: {
    name: 'We have your application',
    description: 'Sent when a household moves to the application stage.',
    subject: 'We have your application',
    body: lines(
      greeting,
      'Thank you for applying to foster((agency_name?? with ((agency_name)))). We have your application.',
      'What happens next',
      'A social worker will assess your application. They will visit you at home several times to get to know you and everyone in your household. We will also carry out checks and ask for references. The assessment usually takes about 4 months.',
      'You will be invited to Skills to Foster, a short course where you meet other people who are applying and find out more about what fostering involves.',
      'At the end of the assessment, a fostering panel will recommend whether you should be approved as a foster carer.',
      'If you have a question at any time, just reply to this email.',
      signOff,
    ),
  },
  stage_update: {
    name: 'An update on your application',
    description: 'Sent when an officer moves a household on and ticks "Email the household".',
    subject: 'An update((agency_name?? from ((agency_name))))',
    body: lines(
      greeting,
      '((stage??We wanted to let you know that ((stage)).))',
      'If you have a question, just reply to this email((officer_name?? or call ((officer_name)))).',
      signOff,
    ),
  },
  exit_survey: {
    name: 'Why did you stop? (optional survey)',
    description:
      'Sent when a household withdraws or stops replying, or has not been in touch for 90 days. Keep ((survey_link)): it is their own link to the survey.',
    subject: 'Could you tell us why you stopped? (optional)',
    body: lines(
      greeting,
      'Thank you for thinking about fostering((agency_name?? with ((agency_name)))).',
      'We understand that fostering is not right for everyone, or not right now. If you have a minute, we would like to know why you decided to stop. It is one short page, you do not need to sign in, and every question is optional:',
      '((survey_link))',
      'Your answer helps us improve how we support people who are thinking about fostering. It will not affect anything you do with us in future.',
      'The link works for 60 days.',
      signOff,
    ),
  },
};
