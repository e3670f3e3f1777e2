import type { Context } from 'hono';
import type { AuditLog } from '../audit/AuditLog';
import type { AuthProvider } from '../auth/AuthProvider';
import type { SharedCache } from '../cache/SharedCache';
import type { ClusterRegistry } from '../clusters/ClusterRegistry';
import type { EventHub } from '../events/EventHub';
import type { LiveIngest } from '../events/LiveIngest';
import type { BffMetrics } from '../metrics/BffMetrics';
import type { Redactor } from '../security/createRedactor';
import type { LoginRateLimiter } from '../security/LoginRateLimiter';
import type { DeadLetterService } from '../services/DeadLetterService';
import type { JobSearch } from '../services/JobSearch';
import type { OperationManager } from '../services/OperationManager';
import type { SnapshotService } from '../services/SnapshotService';
import type { StatsHistory } from '../stats/StatsHistory';

/** Everything the routes use. */
export interface BffDeps {
  registry: ClusterRegistry;
  hub: EventHub;
  cache: SharedCache;
  snapshots: SnapshotService;
  jobs: JobSearch;
  deadLetters: DeadLetterService;
  operations: OperationManager;
  history: StatsHistory;
  ingest: LiveIngest;
  auth: AuthProvider;
  /** Append-only log of every write, sign-in and sign-out. */
  audit: AuditLog;
  /** Hides secret-looking values from viewers. */
  redactor: Redactor;
  loginLimiter: LoginRateLimiter;
  /** The client's address (X-Forwarded-For believed from trusted proxies only). */
  clientAddress: (c: Context) => string | null;
  metrics: BffMetrics;
  readOnly: boolean;
  /** Largest number of jobs one bulk action may touch. */
  bulkLimit: number;
  /** A bulk action over more jobs than this (or any delete) needs the typed confirmation phrase. */
  typedConfirmationThreshold: number;
  now: () => number;
}
