import { useQuery } from '@tanstack/react-query';
import { Sparkline } from '../../components/Sparkline';
import { useCapability } from '../../app/useCapabilities';
import { overviewQueries } from '../overview/overviewQueries';

/** Completed jobs per bucket over the last hour for one queue. */
export function QueueSparkline({ cluster, queue }: { cluster: string; queue: string }) {
  const enabled = useCapability('stats_history', cluster) !== false;
  const { data } = useQuery({ ...overviewQueries.stats(cluster, queue, '1h'), enabled, staleTime: 60_000 });
  const values = data?.series.map((p) => p.completed) ?? [];
  return <Sparkline values={values} label={`Completed jobs in ${queue} over the last hour`} />;
}
