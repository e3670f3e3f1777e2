import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { rememberCsrfToken } from '../api/apiClient';
import { clusterQueries } from '../features/clusters/clusterQueries';

/** The signed-in user; `canWrite` is false for viewers and in read-only mode. */
export function useSession() {
  const { data } = useQuery(clusterQueries.me());
  useEffect(() => {
    if (data) rememberCsrfToken(data.csrfToken);
  }, [data]);
  const role = data?.user?.role;
  const canWrite = data ? !data.readOnly && role !== 'viewer' : true;
  return { me: data, canWrite, readOnly: data?.readOnly ?? false };
}
