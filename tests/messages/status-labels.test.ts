/** Issue 12 §6: every status shown is the real one, from one label function per status set. */
import { describe, expect, it } from 'vitest';
import { bookingStatusLabel } from '../../src/events/event-labels.ts';
import { mailingStatusLabel } from '../../src/mailings/mailing-status.ts';
import { messageStatusLabel, wasSent } from '../../src/messages/message-status.ts';
import { visitStatusLabels } from '../../src/visits/visits.service.ts';

describe('status labels say what really happened', () => {
  it('an email "sent" with no mail server was kept, not sent', () => {
    const kept = { status: 'sent' as const, providerMessageId: 'kept' };
    expect(messageStatusLabel(kept)).toBe('Kept (not sent): no mail server is set up');
    expect(wasSent(kept)).toBe(false);
    const sent = { status: 'sent' as const, providerMessageId: '<abc@mail.example>' };
    expect(messageStatusLabel(sent)).toBe('Sent');
    expect(wasSent(sent)).toBe(true);
    expect(messageStatusLabel({ status: 'queued', providerMessageId: null })).toBe('Waiting to send');
  });

  it('a mailing is "Sent" only with a mail server', () => {
    expect(mailingStatusLabel('sent', false)).toBe('Kept (not sent)');
    expect(mailingStatusLabel('sent', true)).toBe('Sent');
    expect(mailingStatusLabel('draft', true)).toBe('Not sent');
  });

  it('a place at an event says whether they came, then whether the event was cancelled', () => {
    expect(bookingStatusLabel({ status: 'booked', attended: true })).toBe('Came');
    expect(bookingStatusLabel({ status: 'booked', attended: false })).toBe('Did not come');
    expect(bookingStatusLabel({ status: 'booked', attended: null, cancelledAt: new Date() })).toBe(
      'Event cancelled',
    );
    expect(bookingStatusLabel({ status: 'waitlisted', attended: null })).toBe('Waiting list');
    expect(visitStatusLabels.completed).toBe('Done');
  });
});
