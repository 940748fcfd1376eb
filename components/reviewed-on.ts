/** "2026-12-05" → "5 December 2026" (the date is a calendar day, so UTC: no shift across time zones). */
export function reviewedOn(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime())
    ? date
    : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
