import { Link, Outlet } from '@tanstack/react-router';
import { useState } from 'react';
import { useOjsEvents } from '../live/useOjsEvents';
import { CommandPalette } from './CommandPalette';
import { ConnectionIndicator } from './ConnectionIndicator';
import { FallbackBanner } from './FallbackBanner';
import { HelpDialog } from './HelpDialog';
import { NoticeRegion } from './NoticeRegion';
import { SideNav } from './SideNav';
import { ThemeToggle } from './ThemeToggle';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { useSession } from './useSession';

export function AppShell() {
  useOjsEvents();
  const [palette, setPalette] = useState(false);
  const [help, setHelp] = useState(false);
  useKeyboardShortcuts({ openPalette: () => setPalette(true), openHelp: () => setHelp(true) });
  const { me, readOnly } = useSession();

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
        {me?.user ? (
          <span className="muted" title={`Role: ${me.user.role}`}>
            {me.user.name} · {me.user.role}
          </span>
        ) : null}
      </header>
      <SideNav />
      <main className="main" id="main">
        <FallbackBanner />
        <Outlet />
      </main>
      <NoticeRegion />
      <CommandPalette open={palette} onClose={() => setPalette(false)} />
      <HelpDialog open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
