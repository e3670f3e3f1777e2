import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { rememberCsrfToken } from '../api/apiClient';
import { clusterQueries } from '../features/clusters/clusterQueries';
import { effectiveRole, permission, type Caller, type Permission, type Role } from './permission.model';

/**
 * The signed-in user and what they may do. `canWrite` is false for viewers and in read-only mode;
 * `allows(role)` gives the reason to show beside a control that is refused.
 */
export function useSession() {
  const { data, isPending } = useQuery(clusterQueries.me());
  useEffect(() => {
    if (data) rememberCsrfToken(data.csrfToken);
  }, [data]);
  const caller: Caller | undefined = data
    ? { role: data.user?.role, readOnly: data.readOnly, authMode: data.authMode }
    : undefined;
  const write = permission(caller, 'operator');
  return {
    me: data,
    isPending,
    caller,
    role: caller ? effectiveRole(caller) : undefined,
    canWrite: write.allowed,
    /** Why writes are refused (`needs the operator role`, `Lookout is read-only`), if they are. */
    writeReason: write.allowed ? undefined : write.reason,
    readOnly: data?.readOnly ?? false,
    allows: (need: Role, isWrite = true): Permission => permission(caller, need, isWrite),
  };
}
