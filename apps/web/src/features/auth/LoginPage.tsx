import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { rememberCsrfToken } from '../../api/apiClient';
import { clusterQueries } from '../clusters/clusterQueries';
import type { Me } from '../clusters/cluster.mapper';
import { QueryStatus } from '../../components/QueryStatus';
import { authActions } from './authActions';
import { loginErrorText, redirectErrorText } from './loginMessages.model';
import { oidcLoginHref, safeReturnTo } from './returnTo.model';

const route = getRouteApi('/login');

/** The sign-in page: a password form (basic), a provider button (oidc), or why the proxy did not let you in. */
export function LoginPage() {
  const search = route.useSearch();
  const returnTo = safeReturnTo(search.return_to);
  const me = useQuery(clusterQueries.me());
  return (
    <div className="login-card card" data-testid="login-page">
      <div className="brand login-brand">
        <span className="brand-mark" aria-hidden="true" />
        Lookout
      </div>
      {me.data ? (
        <LoginBody me={me.data} returnTo={returnTo} redirectError={search.error} />
      ) : (
        <QueryStatus
          isPending={me.isPending}
          error={me.error}
          what="the sign-in options"
          onRetry={() => void me.refetch()}
        />
      )}
    </div>
  );
}

function LoginBody({ me, returnTo, redirectError }: { me: Me; returnTo: string; redirectError?: string }) {
  if (me.user) {
    return (
      <>
        <h1>Signed in</h1>
        <p>
          You are signed in as <strong>{me.user.name}</strong> ({me.user.role}).
        </p>
        <a className="btn primary" href={returnTo}>
          Continue to Lookout
        </a>
      </>
    );
  }
  if (me.authMode === 'none') {
    return (
      <>
        <h1>No sign-in needed</h1>
        <p className="muted">This Lookout runs locally without sign-in; you act as the local admin.</p>
        <a className="btn primary" href={returnTo}>
          Continue to Lookout
        </a>
      </>
    );
  }
  const errorBanner = redirectError ? (
    <p className="banner crit" role="alert" data-testid="login-error">
      {redirectErrorText(redirectError)}
    </p>
  ) : null;
  if (me.authMode !== 'proxy' && !me.login) {
    return (
      <>
        <h1>Sign-in unavailable</h1>
        {errorBanner}
        <p>This Lookout offers no way to sign in from the browser. Ask a Lookout administrator.</p>
      </>
    );
  }
  if (me.authMode === 'proxy' || !me.login) {
    return (
      <>
        <h1>Not signed in</h1>
        {errorBanner}
        <p data-testid="proxy-message">
          Lookout sits behind a sign-in proxy, and the proxy did not identify you on this request. Sign in
          through your organisation&apos;s portal and open Lookout again, or ask an administrator to check the
          proxy&apos;s user header and that it is listed in Lookout&apos;s trusted proxies.
        </p>
        <a className="btn" href={returnTo}>
          Try again
        </a>
      </>
    );
  }
  if (me.login.kind === 'redirect') {
    const provider = me.login.provider ?? 'single sign-on';
    return (
      <>
        <h1>Sign in</h1>
        {errorBanner}
        <p className="muted">Lookout uses your organisation&apos;s identity provider.</p>
        <a
          className="btn primary login-submit"
          href={oidcLoginHref(me.login.url, returnTo)}
          data-testid="oidc-sign-in"
        >
          Sign in with {provider}
        </a>
      </>
    );
  }
  return (
    <>
      <h1>Sign in</h1>
      {errorBanner}
      <PasswordForm returnTo={returnTo} />
    </>
  );
}

function PasswordForm({ returnTo }: { returnTo: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError('Enter your user name and password.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await authActions.login(username.trim(), password);
      // The session (and its CSRF token) changed: forget everything read as the anonymous caller, and load
      // the page the user was on afresh (the shell and its live stream start over with the new session).
      rememberCsrfToken(undefined);
      queryClient.clear();
      window.location.assign(returnTo);
    } catch (cause) {
      setError(loginErrorText(cause));
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <form
      className="stack login-form"
      onSubmit={(e) => void submit(e)}
      aria-describedby={error ? `${id}-error` : undefined}
      noValidate
    >
      <label htmlFor={`${id}-user`}>User name</label>
      <input
        id={`${id}-user`}
        name="username"
        autoComplete="username"
        autoFocus
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        aria-invalid={error ? true : undefined}
      />
      <label htmlFor={`${id}-password`}>Password</label>
      <input
        id={`${id}-password`}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aria-invalid={error ? true : undefined}
      />
      {error ? (
        <p className="banner crit" role="alert" id={`${id}-error`} data-testid="login-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary login-submit" disabled={busy} data-testid="login-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="faint">Forgot your password? Ask a Lookout administrator.</p>
    </form>
  );
}
