import cronstrue from 'cronstrue';

/** The schedule in words ("At 02:00 AM, only on Monday"); the server's wording wins when it sends one. */
export function describeSchedule(expression: string, serverDescription: string | undefined): string {
  if (serverDescription) return serverDescription;
  try {
    return cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return 'Unrecognised schedule';
  }
}
