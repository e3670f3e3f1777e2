import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
} from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { RootLayout } from './app/AppShell';
import { NotFound } from './app/NotFound';
import {
  clusterSearchSchema,
  deadLetterSearchSchema,
  eventSearchSchema,
  overviewSearchSchema,
  queueSearchSchema,
  workerSearchSchema,
  workflowSearchSchema,
} from './app/searchSchemas';
import { auditSearchSchema } from './features/audit/auditFilter.model';
import { loginSearchSchema } from './features/auth/loginSearch';
import { jobSearchSchema } from './features/jobs/jobFilter.model';
import { overviewQueries } from './features/overview/overviewQueries';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: RootLayout,
  notFoundComponent: NotFound,
});

const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: overviewSearchSchema,
  loaderDeps: ({ search }) => ({ cluster: search.cluster }),
  // Start fetching while the page's code loads (not awaited: the page shows its own loading state).
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchQuery(overviewQueries.overview(deps.cluster));
  },
  component: lazyRouteComponent(() => import('./features/overview/OverviewPage'), 'OverviewPage'),
});

const queuesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/queues',
  validateSearch: clusterSearchSchema,
  component: lazyRouteComponent(() => import('./features/queues/QueuesPage'), 'QueuesPage'),
});

const queueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/queues/$cluster/$name',
  validateSearch: queueSearchSchema,
  component: lazyRouteComponent(() => import('./features/queues/QueuePage'), 'QueuePage'),
});

const jobsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/jobs',
  validateSearch: jobSearchSchema,
  component: lazyRouteComponent(() => import('./features/jobs/JobsPage'), 'JobsPage'),
});

const jobRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/jobs/$cluster/$id',
  component: lazyRouteComponent(() => import('./features/job/JobPage'), 'JobPage'),
});

const deadLetterRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dead-letter',
  validateSearch: deadLetterSearchSchema,
  component: lazyRouteComponent(() => import('./features/deadLetter/DeadLetterPage'), 'DeadLetterPage'),
});

const deadLetterGroupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dead-letter/$cluster/$fingerprint',
  component: lazyRouteComponent(
    () => import('./features/deadLetter/DeadLetterGroupPage'),
    'DeadLetterGroupPage',
  ),
});

const workflowsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/workflows',
  validateSearch: workflowSearchSchema,
  component: lazyRouteComponent(() => import('./features/workflows/WorkflowsPage'), 'WorkflowsPage'),
});

const workflowRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/workflows/$cluster/$id',
  component: lazyRouteComponent(() => import('./features/workflows/WorkflowPage'), 'WorkflowPage'),
});

const workersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/workers',
  validateSearch: workerSearchSchema,
  component: lazyRouteComponent(() => import('./features/workers/WorkersPage'), 'WorkersPage'),
});

const cronsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/crons',
  validateSearch: clusterSearchSchema,
  component: lazyRouteComponent(() => import('./features/crons/CronsPage'), 'CronsPage'),
});

const eventsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/events',
  validateSearch: eventSearchSchema,
  component: lazyRouteComponent(() => import('./features/events/EventsPage'), 'EventsPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('./features/clusters/SettingsPage'), 'SettingsPage'),
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: loginSearchSchema,
  component: lazyRouteComponent(() => import('./features/auth/LoginPage'), 'LoginPage'),
});

const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  validateSearch: auditSearchSchema,
  component: lazyRouteComponent(() => import('./features/audit/AuditPage'), 'AuditPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  auditRoute,
  overviewRoute,
  queuesRoute,
  queueRoute,
  jobsRoute,
  jobRoute,
  deadLetterRoute,
  deadLetterGroupRoute,
  workflowsRoute,
  workflowRoute,
  workersRoute,
  cronsRoute,
  eventsRoute,
  settingsRoute,
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
