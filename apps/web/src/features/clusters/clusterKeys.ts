export const clusterKeys = {
  health: () => ['ojs', 'all', 'health'] as const,
  list: () => ['ojs', 'all', 'clusters'] as const,
  me: () => ['ojs', 'all', 'me'] as const,
  operation: (id: string) => ['ojs', 'all', 'operations', id] as const,
};
