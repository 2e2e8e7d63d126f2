import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import { useAuth } from '../auth/auth.tsx';

/**
 * The institution's scenario library (GET /api/v1/scenarios), one cache for every page that names
 * scenarios; not fetched for a caller who may not read it (the pages then show scenario ids).
 */
export function useScenarioLibrary() {
  const { can } = useAuth();
  return useQuery({ queryKey: ['scenarios'], queryFn: () => unwrap(api.GET('/api/v1/scenarios')), enabled: can('scenarios:read') });
}
