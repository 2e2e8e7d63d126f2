import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth.tsx';
import { ApiError } from '../api/client.ts';
import { LanguageSwitch } from '../components/Layout.tsx';
import { errorMessage } from '../components/States.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const { session, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  if (session) return <Navigate to={target} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password, totp || undefined);
      navigate(target, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        setNeedTotp(true);
        setError(t('auth.totpRequired'));
      } else if (err instanceof ApiError && err.code === 'invalid_credentials') {
        const left = err.details.find((d) => d.path === 'password');
        setError(left ? `${t('auth.invalid')} ${left.message}` : t('auth.invalid'));
      } else {
        setError(errorMessage(err, t));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="center sign-in" id="main">
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <div className="row space-between">
          <h1 id="sign-in-title">{t('app.name')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('auth.subtitle')}</p>
        <label className="field">
          <span>{t('auth.username')}</span>
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {needTotp && (
          <label className="field">
            <span>{t('auth.totp')}</span>
            <input name="totp" inputMode="numeric" autoComplete="one-time-code" value={totp} onChange={(e) => setTotp(e.target.value)} />
          </label>
        )}
        {error && <p className="form-error" role="alert">{error}</p>}
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? t('common.loading') : t('auth.signIn')}</button>
      </form>
    </main>
  );
}
