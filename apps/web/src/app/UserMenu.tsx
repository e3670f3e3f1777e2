import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { authActions } from '../features/auth/authActions';
import { useSession } from './useSession';

/** Who is signed in, with which role, and "Sign out" (not in proxy mode, where the proxy owns the session). */
export function UserMenu() {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    meta: { title: 'Sign-out failed' },
    mutationFn: () => authActions.logout(),
    onSuccess: async () => {
      queryClient.clear();
      await navigate({ to: '/login' });
    },
  });
  if (!me) return null;
  if (me.authMode === 'none') {
    return (
      <span className="user-menu muted" data-testid="user-menu" title="This Lookout runs without sign-in">
        local admin (no sign-in)
      </span>
    );
  }
  if (!me.user) return null;
  return (
    <span className="user-menu" data-testid="user-menu">
      <span className="user-name" data-testid="user-name">
        {me.user.name}
      </span>
      <span className="badge" data-testid="user-role" title={`Signed in with the ${me.user.role} role`}>
        {me.user.role}
      </span>
      {me.authMode === 'proxy' ? null : (
        <button
          type="button"
          className="ghost small"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
          data-testid="sign-out"
        >
          Sign out
        </button>
      )}
    </span>
  );
}
