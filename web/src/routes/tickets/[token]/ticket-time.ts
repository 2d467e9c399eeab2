import { TIME_ZONE } from '$lib/format';

const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `09:30` in Baku time, as the ticket prints it, whatever the server's or the browser's zone. */
export function ticketTime(iso: string): string {
  return clock.format(new Date(iso));
}
