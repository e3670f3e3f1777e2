export const eventKeys = {
  /** The capped tail of recent events, filled by the live stream only. */
  tail: () => ['ojs', 'all', 'events', 'tail'] as const,
};
