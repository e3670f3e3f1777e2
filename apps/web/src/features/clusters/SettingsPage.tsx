import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { QueryStatus } from '../../components/QueryStatus';
import { RelativeTime } from '../../components/RelativeTime';
import { formatDuration } from '../../components/format.model';
import { liveStatus, useLiveStatus } from '../../live/liveStatus';
import { themeStore, useThemePreference } from '../../app/themeStore';
import type { ThemePreference } from '../../app/theme.model';
import { CAPABILITIES } from './cluster.mapper';
import { clusterQueries } from './clusterQueries';

const INTERVALS = [5_000, 10_000, 30_000, 60_000];

export function SettingsPage() {
  const health = useQuery(clusterQueries.health());
  const status = useLiveStatus();
  const theme = useThemePreference();
  const id = useId();
  return (
    <div className="stack">
      <div className="page-head" style={{ marginBottom: 0 }}>
        <h1>Clusters & settings</h1>
      </div>
      {!health.data ? (
        <QueryStatus
          isPending={health.isPending}
          error={health.error}
          what="cluster health"
          onRetry={() => void health.refetch()}
        />
      ) : (
        health.data.clusters.map((c) => (
          <section key={c.id} className="card" aria-label={`Cluster ${c.name}`} data-testid="cluster-card">
            <div className="row" style={{ marginBottom: 8 }}>
              <h2 style={{ margin: 0 }}>{c.name}</h2>
              <span className={`badge ${c.reachable ? 'ok' : 'crit'}`}>
                {c.reachable ? 'reachable' : 'unreachable'}
              </span>
              {c.latencyMs !== undefined ? (
                <span className="muted">{formatDuration(c.latencyMs)}</span>
              ) : null}
              {c.implementation ? (
                <span className="muted">
                  {c.implementation.name} {c.implementation.version}
                </span>
              ) : null}
              {c.conformanceLevel !== undefined ? (
                <span className="badge">conformance level {c.conformanceLevel}</span>
              ) : null}
              <span className="spacer" style={{ flex: 1 }} />
              <span className="faint">
                checked <RelativeTime iso={c.checkedAt} />
              </span>
            </div>
            {c.error ? (
              <p className="banner crit">
                {c.error.code}: {c.error.message}
              </p>
            ) : null}
            <h3>Capabilities</h3>
            <ul className="row" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {CAPABILITIES.map((cap) => (
                <li
                  key={cap}
                  className={`badge ${c.capabilities[cap] ? 'ok' : ''}`}
                  title={c.capabilities[cap] ? 'supported' : 'not offered: Lookout hides or explains it'}
                >
                  {c.capabilities[cap] ? '✓' : '—'} {cap.replaceAll('_', ' ')}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <section className="card" aria-label="Preferences">
        <h2>Preferences</h2>
        <div className="row" style={{ gap: 24, alignItems: 'flex-end' }}>
          <label className="field" htmlFor={`${id}-theme`}>
            Theme
            <select
              id={`${id}-theme`}
              value={theme}
              onChange={(e) => themeStore.set(e.target.value as ThemePreference)}
              data-testid="theme-select"
            >
              <option value="system">follow the system</option>
              <option value="light">light</option>
              <option value="dark">dark</option>
            </select>
          </label>
          <label className="field" htmlFor={`${id}-interval`}>
            Refresh while the live stream is down
            <select
              id={`${id}-interval`}
              value={status.fallbackIntervalMs}
              onChange={(e) => liveStatus.setFallbackInterval(Number(e.target.value))}
            >
              {INTERVALS.map((ms) => (
                <option key={ms} value={ms}>
                  every {formatDuration(ms)}
                </option>
              ))}
            </select>
          </label>
          <label className="row">
            <input
              type="checkbox"
              checked={status.fallbackPaused}
              onChange={(e) => liveStatus.update({ fallbackPaused: e.target.checked })}
            />
            Pause the fallback refresh
          </label>
        </div>
        <p className="muted" style={{ marginBottom: 0 }}>
          While the live stream is healthy nothing polls: lists and counts update from events. Live stream:{' '}
          <strong>{status.stream}</strong>
          {status.lastActivityAt ? (
            <>
              , last activity <RelativeTime iso={new Date(status.lastActivityAt).toISOString()} />
            </>
          ) : null}
          .
        </p>
      </section>
    </div>
  );
}
