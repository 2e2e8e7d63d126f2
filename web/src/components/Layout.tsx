import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth.tsx';
import { LANGUAGES } from '../i18n.ts';

const NAV: Array<{ to: string; label: string; permission: string | string[] }> = [
  { to: '/', label: 'nav.dashboard', permission: 'dashboard:read' },
  { to: '/transactions', label: 'nav.transactions', permission: 'transactions:read' },
  { to: '/customers', label: 'nav.customers', permission: 'customers:read' },
  { to: '/scenarios', label: 'nav.scenarios', permission: 'scenarios:read' },
  { to: '/rings', label: 'nav.rings', permission: 'rings:read' },
  { to: '/data-quality', label: 'nav.dataQuality', permission: ['quarantine:read', 'dq:read', 'transactions:ingest'] },
];

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang-switch">
      <span className="sr-only">{t('common.language')}</span>
      <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)} aria-label={t('common.language')}>
        {LANGUAGES.map((l) => <option key={l} value={l}>{t(`languages.${l}`)}</option>)}
      </select>
    </label>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { session, can, signOut } = useAuth();
  const navigate = useNavigate();
  const allowed = (p: string | string[]) => (Array.isArray(p) ? p.some(can) : can(p));
  return (
    <div className="app">
      <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.filter((n) => allowed(n.permission)).map((n) => (
              <li key={n.to}><NavLink to={n.to} end={n.to === '/'}>{t(n.label)}</NavLink></li>
            ))}
          </ul>
        </nav>
        <div className="topbar-right">
          <LanguageSwitch />
          {session && (
            <>
              <span className="user" title={session.roles.join(', ')}>{session.user.displayName ?? session.user.username}</span>
              <button type="button" className="btn btn-small" onClick={() => void signOut().then(() => navigate('/sign-in'))}>
                {t('auth.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </div>
  );
}
