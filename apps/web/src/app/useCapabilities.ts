import { useQuery } from '@tanstack/react-query';
import { clusterQueries } from '../features/clusters/clusterQueries';
import type { Capability } from '../features/clusters/cluster.mapper';

/**
 * Whether a capability is offered: by the given cluster, or by at least one cluster when none is chosen.
 * `undefined` while the cluster list is loading (callers then neither hide nor explain yet).
 */
export function useCapability(capability: Capability, cluster?: string): boolean | undefined {
  const { data } = useQuery(clusterQueries.list());
  if (!data) return undefined;
  const scope = cluster ? data.filter((c) => c.id === cluster) : data;
  return scope.some((c) => c.capabilities[capability]);
}
