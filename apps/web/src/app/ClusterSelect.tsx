import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { clusterQueries } from '../features/clusters/clusterQueries';

/** Picks one cluster or all of them; hidden when only one cluster is configured. */
export function ClusterSelect({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (cluster: string | undefined) => void;
}) {
  const id = useId();
  const { data } = useQuery(clusterQueries.list());
  if (!data || data.length <= 1) return null;
  return (
    <label className="field" htmlFor={id}>
      Cluster
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">All clusters</option>
        {data.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
