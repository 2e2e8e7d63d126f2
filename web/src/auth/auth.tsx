import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken, unwrap } from '../api/client.ts';

/** The signed-in user as GET /api/v1/auth/me and POST /api/v1/auth/sign-in return it. */
export interface Session {
  user: { id: string; username: string; displayName?: string | null };
  permissions: string[];
  roles: string[];
  csrfToken?: string;
}

interface AuthValue {
  session: Session | null;
  can(permission: string): boolean;
  signIn(username: string, password: string, totp?: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);
const ME_KEY = ['auth', 'me'] as const;
// Another user's cached data must not survive a sign-in or sign-out; the session query itself stays observed.
const notSession = { predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== 'auth' };

async function fetchMe(): Promise<Session | null> {
  try {
    const s = (await unwrap(api.GET('/api/v1/auth/me'))) as Session;
    setCsrfToken(s.csrfToken ?? null);
    return s;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function AuthProvider({ children, fallback, failure }: {
  children: ReactNode;
  fallback: ReactNode;
  failure: (err: unknown, retry: () => void) => ReactNode;
}) {
  const qc = useQueryClient();
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity });
  const value = useMemo<AuthValue>(() => {
    const session = me.data ?? null;
    const perms = new Set(session?.permissions ?? []);
    return {
      session,
      can: (p) => perms.has(p),
      async signIn(username, password, totp) {
        const body = totp ? { username, password, totp } : { username, password };
        const s = (await unwrap(api.POST('/api/v1/auth/sign-in', { body }))) as Session;
        setCsrfToken(s.csrfToken ?? null);
        qc.removeQueries(notSession);
        qc.setQueryData(ME_KEY, s);
      },
      async signOut() {
        try {
          await unwrap(api.POST('/api/v1/auth/sign-out'));
        } finally {
          setCsrfToken(null);
          qc.removeQueries(notSession);
          qc.setQueryData(ME_KEY, null);
        }
      },
    };
  }, [me.data, qc]);
  if (me.isPending) return <>{fallback}</>;
  if (me.isError) return <>{failure(me.error, () => void me.refetch())}</>;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** Renders children only when the signed-in user holds the permission (the server refuses anyway). */
export function Can({ permission, children }: { permission: string; children: ReactNode }) {
  return useAuth().can(permission) ? <>{children}</> : null;
}
