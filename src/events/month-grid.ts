import {
  addDays,
  addMonths,
  dayOfWeek,
  londonDate,
  startOfLondonDay,
  type IsoDate,
} from '../calendar/dates.ts';

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A month laid out as weeks (Monday first) for the events calendar, with the instants that bound
 * it in Europe/London so that a 9pm session on the last day of the month lands on that day.
 */
export function calendarMonth(month: string) {
  const first: IsoDate = `${month}-01`;
  const next = addMonths(first, 1);
  const gridStart = addDays(first, -((dayOfWeek(first) + 6) % 7));
  const days: IsoDate[] = [];
  for (let d = gridStart; d < next || days.length % 7 !== 0; d = addDays(d, 1)) days.push(d);
  return {
    month,
    label: monthName.format(new Date(`${first}T12:00:00Z`)),
    previous: addMonths(first, -1).slice(0, 7),
    next: next.slice(0, 7),
    from: startOfLondonDay(first),
    to: startOfLondonDay(next),
    withEvents<E extends { startsAt: Date | null }>(events: E[]) {
      const byDay = new Map<IsoDate, E[]>();
      for (const event of events) {
        const day = londonDate(event.startsAt!);
        byDay.set(day, [...(byDay.get(day) ?? []), event]);
      }
      const cells = days.map((date) => ({
        date,
        day: Number(date.slice(8)),
        inMonth: date.startsWith(month),
        events: byDay.get(date) ?? [],
      }));
      const weeks = [];
      for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
      return { month, label: this.label, previous: this.previous, next: this.next, weeks, events };
    },
  };
}
