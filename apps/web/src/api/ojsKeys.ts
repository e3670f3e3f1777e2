/** The scope of a query: one cluster id, or every cluster aggregated. */
export const ALL_CLUSTERS = 'all';

export function scopeOf(cluster: string | undefined): string {
  return cluster && cluster.length > 0 ? cluster : ALL_CLUSTERS;
}

/** Every server-data key starts with `['ojs', scope, resource]`. */
export const ojsKeys = {
  root: ['ojs'] as const,
  resource: (cluster: string | undefined, resource: string) => ['ojs', scopeOf(cluster), resource] as const,
};
