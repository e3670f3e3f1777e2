import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { loginHref, LOGIN_PATH } from '../features/auth/returnTo.model';
import { useOjsEvents } from '../live/useOjsEvents';
import { CommandPalette } from './CommandPalette';
import { ConnectionIndicator } from './ConnectionIndicator';
import { FallbackBanner } from './FallbackBanner';
import { HelpDialog } from './HelpDialog';
import { NoticeRegion } from './NoticeRegion';
import { SideNav } from './SideNav';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { useSession } from './useSession';

/** The sign-in page stands alone; every other page lives in the console's shell. */
export function RootLayout() {
  const onLogin = useRouterState({ select: (s) => s.location.pathname === LOGIN_PATH });
  return onLogin ? (
    <main className="login-layout" id="main">
      <Outlet />
    </main>
  ) : (
    <AppShell />
  );
}

function AppShell() {
  useOjsEvents();
  const signInNeeded = useSignInRequired();
  const [palette, setPalette] = useState(false);
  const [help, setHelp] = useState(false);
  useKeyboardShortcuts({ openPalette: () => setPalette(true), openHelp: () => setHelp(true) });
  const { readOnly } = useSession();

  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Lookout overview">
          <span className="brand-mark" aria-hidden="true" />
          Lookout
        </Link>
        <ConnectionIndicator />
        {readOnly ? <span className="badge warn">read-only</span> : null}
        <span className="spacer" />
        <button
          type="button"
          className="ghost"
          onClick={() => setPalette(true)}
          aria-keyshortcuts="Control+K Meta+K"
        >
          Commands <kbd>Ctrl K</kbd>
        </button>
        <button
          type="button"
          className="ghost"
          onClick={() => setHelp(true)}
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="?"
        >
          ?
        </button>
        <ThemeToggle />
        <UserMenu />
      </header>
      <SideNav />
      <main className="main" id="main">
        <FallbackBanner />
        {signInNeeded ? null : <Outlet />}
      </main>
      <NoticeRegion />
      <CommandPalette open={palette} onClose={() => setPalette(false)} />
      <HelpDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}

/** A Lookout with sign-in sends an anonymous visitor to the sign-in page, remembering where they were. */
function useSignInRequired(): boolean {
  const { me } = useSession();
  const navigate = useNavigate();
  const anonymous = me !== undefined && me.authMode !== 'none' && me.user === undefined;
  useEffect(() => {
    if (!anonymous) return;
    const { pathname, search, hash } = window.location;
    void navigate({ href: loginHref(`${pathname}${search}${hash}`), replace: true });
  }, [anonymous, navigate]);
  return anonymous;
}
