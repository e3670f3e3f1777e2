import './api/zodConfig';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/ApiError';
import { setUnauthorizedHandler } from './api/apiClient';
import { reportError } from './app/notices';
import { themeStore } from './app/themeStore';
import { loginHref, LOGIN_PATH } from './features/auth/returnTo.model';
import { clusterKeys } from './features/clusters/clusterKeys';
import { createAppRouter } from './router';
import './styles/app.css';

themeStore.init();

const queryClient = new QueryClient({
  queryCache: new QueryCache({
    // Background refetch failures of data already on screen go to the one error region; first loads show inline.
    onError: (error, query) => {
      // A lost session is not a refresh failure: the sign-in page takes over.
      if (error instanceof ApiError && error.status === 401) return;
      if (query.state.data !== undefined) reportError('Refresh failed', error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      const title = typeof mutation.meta?.['title'] === 'string' ? mutation.meta['title'] : 'Action failed';
      reportError(title, error);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => error instanceof ApiError && error.retryable && failures < 2,
    },
  },
});

const router = createAppRouter(queryClient);

// A call refused for want of a session sends the user to sign in, once: further refusals while on (or on the
// way to) the sign-in page are ignored, so parallel calls and the page's own calls cannot loop.
let signingIn = false;
setUnauthorizedHandler(() => {
  const { pathname, search, hash } = window.location;
  if (signingIn || pathname === LOGIN_PATH) return;
  signingIn = true;
  void queryClient.invalidateQueries({ queryKey: clusterKeys.me() });
  void router.navigate({ href: loginHref(`${pathname}${search}${hash}`), replace: true }).finally(() => {
    signingIn = false;
  });
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
