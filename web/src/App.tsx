import { Suspense, lazy, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AuthProvider, useAuth } from './auth/auth.tsx';
import { Layout } from './components/Layout.tsx';
import { ErrorState, Loading } from './components/States.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
const loadDashboard = () => import('./pages/DashboardPage.tsx');
// The dashboard is the landing page: fetch its code while the session is being checked.
if (window.location.pathname === '/') void loadDashboard();
const DashboardPage = lazy(() => loadDashboard().then((m) => ({ default: m.DashboardPage })));
const TransactionsPage = lazy(() => import('./pages/TransactionsPage.tsx').then((m) => ({ default: m.TransactionsPage })));
const TransactionPage = lazy(() => import('./pages/TransactionPage.tsx').then((m) => ({ default: m.TransactionPage })));
const CustomersPage = lazy(() => import('./pages/CustomersPage.tsx').then((m) => ({ default: m.CustomersPage })));
const CustomerPage = lazy(() => import('./pages/CustomerPage.tsx').then((m) => ({ default: m.CustomerPage })));
const ScenariosPage = lazy(() => import('./pages/ScenariosPage.tsx').then((m) => ({ default: m.ScenariosPage })));
const ScenarioPage = lazy(() => import('./pages/ScenarioPage.tsx').then((m) => ({ default: m.ScenarioPage })));
const RingsPage = lazy(() => import('./pages/RingsPage.tsx').then((m) => ({ default: m.RingsPage })));
const RingPage = lazy(() => import('./pages/RingPage.tsx').then((m) => ({ default: m.RingPage })));
const KnownBadPage = lazy(() => import('./pages/KnownBadPage.tsx').then((m) => ({ default: m.KnownBadPage })));
const RingParamsPage = lazy(() => import('./pages/RingParamsPage.tsx').then((m) => ({ default: m.RingParamsPage })));
const DataQualityPage = lazy(() => import('./pages/DataQualityPage.tsx').then((m) => ({ default: m.DataQualityPage })));
const QuarantinePage = lazy(() => import('./pages/QuarantinePage.tsx').then((m) => ({ default: m.QuarantinePage })));

// Pages load on demand, so the dashboard does not wait for the graph library and vice versa.

/** Signed-out users go to the sign-in page; pages a role may not use say so instead of rendering. */
function Guard({ permission, children }: { permission?: string; children: ReactNode }) {
  const { session, can } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (!session) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (permission && !can(permission)) return <Layout><p className="state state-error" role="alert">{t('errors.forbidden')}</p></Layout>;
  return <Layout><Suspense fallback={<Loading />}>{children}</Suspense></Layout>;
}

function NotFound() {
  const { t } = useTranslation();
  return <p className="state state-empty">{t('errors.notFound')}</p>;
}

export function App() {
  return (
    <AuthProvider fallback={<Loading />} failure={(err, retry) => <main className="center"><ErrorState error={err} onRetry={retry} /></main>}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/" element={<Guard permission="dashboard:read"><DashboardPage /></Guard>} />
        <Route path="/transactions" element={<Guard permission="transactions:read"><TransactionsPage /></Guard>} />
        <Route path="/transactions/:id" element={<Guard permission="transactions:read"><TransactionPage /></Guard>} />
        <Route path="/customers" element={<Guard permission="customers:read"><CustomersPage /></Guard>} />
        <Route path="/customers/:id" element={<Guard permission="customers:read"><CustomerPage /></Guard>} />
        <Route path="/scenarios" element={<Guard permission="scenarios:read"><ScenariosPage /></Guard>} />
        <Route path="/scenarios/:id" element={<Guard permission="scenarios:read"><ScenarioPage /></Guard>} />
        <Route path="/rings" element={<Guard permission="rings:read"><RingsPage /></Guard>} />
        <Route path="/rings/known-bad" element={<Guard permission="rings:read"><KnownBadPage /></Guard>} />
        <Route path="/rings/params" element={<Guard permission="rings:read"><RingParamsPage /></Guard>} />
        <Route path="/rings/:id" element={<Guard permission="rings:read"><RingPage /></Guard>} />
        <Route path="/data-quality" element={<Guard><DataQualityPage /></Guard>} />
        <Route path="/data-quality/quarantine/:id" element={<Guard permission="quarantine:read"><QuarantinePage /></Guard>} />
        <Route path="*" element={<Guard><NotFound /></Guard>} />
      </Routes>
    </AuthProvider>
  );
}
