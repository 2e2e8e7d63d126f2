import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';

/** The branch tree in the caller's scope (GET /api/v1/branches), fetched once per session. */
export function useBranches() {
  return useQuery({ queryKey: ['branches'], queryFn: () => unwrap(api.GET('/api/v1/branches')), staleTime: 5 * 60_000 });
}
