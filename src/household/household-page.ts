import { messageStatusLabel } from '../messages/message-status.ts';
import { movesNow } from '../pipeline/move-rules.ts';
import { moveLabels, reasonLabel, stageLabels } from '../pipeline/stages.ts';
import { consentWording } from '../privacy/consent-wording.ts';
import type { Role } from '../shared/roles.ts';
import { relationshipLabels } from '../households/household-labels.ts';
import {
  channelLabels,
  contactMethods,
  contactOutcomes,
  heardAboutOptions,
  routeLabels,
} from '../enquiries/enquiry-options.ts';
import { firstContactStatus } from '../enquiries/first-contact.ts';
import type { EnquiryDetail } from './household.service.ts';
import type { HouseholdWork } from './household-work.ts';

export interface TimelineItem {
  at: Date;
  kind: 'stage' | 'contact' | 'note' | 'email';
  title: string;
  detail?: string | null;
  by: string;
}

const daysSince = (at: Date, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - at.getTime()) / 86_400_000));

/** Everything the household page shows, worked out once so the template only lays it out. */
export function enquiryPageModel(
  detail: EnquiryDetail,
  officers: { id: string; name: string }[],
  role: Role,
  work: Pick<HouseholdWork, 'booked' | 'panel'>,
  now = new Date(),
) {
  const timeline: TimelineItem[] = [
    ...detail.history.map((e) => ({
      at: e.at,
      kind: 'stage' as const,
      title:
        e.from === null
          ? 'Enquiry received'
          : e.stage === 'enquiry'
            ? 'Reopened'
            : `Moved to ${stageLabels[e.stage]}`,
      detail:
        [e.reason === 'restricted' ? 'Reason restricted to managers' : reasonLabel(e.reason), e.note]
          .filter(Boolean)
          .join(' – ') || null,
      by: e.by,
    })),
    ...detail.contacts.map((c) => ({
      at: c.at,
      kind: 'contact' as const,
      title: `${contactMethods[c.method]}: ${contactOutcomes[c.outcome].toLowerCase()}`,
      detail: c.note,
      by: c.by,
    })),
    ...detail.emails.map((m) => ({
      at: m.sentAt ?? m.createdAt,
      kind: 'email' as const,
      title: `Email: ${m.subject}`,
      detail: messageStatusLabel(m),
      by: 'Written automatically',
    })),
    ...detail.notes.map((n) => ({
      at: n.createdAt,
      kind: 'note' as const,
      title: 'Note',
      detail: n.body,
      by: n.by,
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());

  // Only the moves open now (move-rules.ts, the same rules the move itself checks). Booked on a
  // panel, the next step is that panel's own record (papers, recommendation, decision).
  const panelStep = work.panel.current?.next;
  const next = [
    ...(panelStep ? [{ to: null, text: panelStep.text, warning: false, href: panelStep.href }] : []),
    ...movesNow(detail.stage, work.booked)
      // Going to panel means a place at a panel meeting: book it there, which moves the stage.
      .filter((to) => to !== 'panel' || work.panel.canBook)
      .map((to) => ({
        to,
        text: moveLabels[to],
        warning: to === 'closed',
        href: to === 'panel' ? `/enquiries/${detail.id}/panel/book` : `/enquiries/${detail.id}/move/${to}`,
      })),
  ];
  const applicantNames = detail.applicants.map((a) => `${a.firstName} ${a.lastName}`).join(' and ');

  return {
    enquiry: detail,
    pageTitle: applicantNames,
    applicantNames,
    timeline,
    next,
    daysInStage: daysSince(detail.stageSince, now),
    firstContact: firstContactStatus(detail, now),
    officers,
    canManage: role === 'manager',
    stageLabels,
    channelLabels,
    routeLabels,
    heardAboutOptions,
    relationshipLabels,
    consentWording,
  };
}
