import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDuration } from '../../components/format.model';
import { hasValues, tickFormat, type ChartRow } from './chartSeries.model';

const axis = { stroke: 'var(--faint)', fontSize: 11 };
const tooltipStyle = {
  contentStyle: {
    background: 'var(--surface)',
    border: '1px solid var(--border)',
    borderRadius: 6,
    fontSize: 12,
  },
  labelStyle: { color: 'var(--muted)' },
};

/** The overview's and queue page's charts; loaded lazily with recharts. */
export default function StatsCharts({
  rows,
  windowId,
  showDepth = true,
}: {
  rows: ChartRow[];
  windowId: string;
  showDepth?: boolean;
}) {
  const tick = tickFormat(windowId);
  const label = (t: unknown) => (typeof t === 'number' ? new Date(t).toLocaleString() : '');
  const latency = hasValues(rows, 'waitP95') || hasValues(rows, 'runP95') || hasValues(rows, 'runP50');
  return (
    <div className="grid cols-2">
      <ChartCard title="Throughput (per minute)">
        <AreaChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={tick} {...axis} />
          <YAxis {...axis} allowDecimals={false} />
          <Tooltip labelFormatter={label} {...tooltipStyle} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area
            type="monotone"
            dataKey="completed"
            stroke="var(--s-completed)"
            fill="var(--s-completed)"
            fillOpacity={0.18}
            isAnimationActive={false}
          />
          <Area
            type="monotone"
            dataKey="failed"
            stroke="var(--s-discarded)"
            fill="var(--s-discarded)"
            fillOpacity={0.18}
            isAnimationActive={false}
          />
        </AreaChart>
      </ChartCard>
      <ChartCard title="Failure rate (%)">
        <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={tick} {...axis} />
          <YAxis {...axis} domain={[0, 'auto']} unit="%" />
          <Tooltip labelFormatter={label} {...tooltipStyle} />
          <Line
            type="monotone"
            dataKey="failureRatePct"
            name="failure rate"
            stroke="var(--s-retryable)"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ChartCard>
      <ChartCard
        title="Latency p50 / p95"
        empty={latency ? undefined : 'The server reports no latency figures.'}
      >
        <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={tick} {...axis} />
          <YAxis {...axis} tickFormatter={(v: number) => formatDuration(v)} width={64} />
          <Tooltip
            labelFormatter={label}
            formatter={(v) => (typeof v === 'number' ? formatDuration(v) : String(v))}
            {...tooltipStyle}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            dataKey="waitP50"
            name="wait p50"
            stroke="var(--s-available)"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            dataKey="waitP95"
            name="wait p95"
            stroke="var(--s-available)"
            strokeDasharray="4 3"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            dataKey="runP50"
            name="run p50"
            stroke="var(--s-active)"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            dataKey="runP95"
            name="run p95"
            stroke="var(--s-active)"
            strokeDasharray="4 3"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ChartCard>
      {showDepth ? (
        <ChartCard
          title="Queue depth"
          empty={hasValues(rows, 'depth') ? undefined : 'No queue depth figures in this window.'}
        >
          <AreaChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={tick} {...axis} />
            <YAxis {...axis} allowDecimals={false} />
            <Tooltip labelFormatter={label} {...tooltipStyle} />
            <Area
              type="stepAfter"
              dataKey="depth"
              name="waiting jobs"
              stroke="var(--s-available)"
              fill="var(--s-available)"
              fillOpacity={0.15}
              connectNulls
              isAnimationActive={false}
            />
          </AreaChart>
        </ChartCard>
      ) : null}
    </div>
  );
}

function ChartCard({
  title,
  empty,
  children,
}: {
  title: string;
  empty?: string;
  children: React.ReactElement;
}) {
  return (
    <section className="card" aria-label={title}>
      <h3>{title}</h3>
      {empty ? (
        <div className="chart empty">{empty}</div>
      ) : (
        <div className="chart">
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
