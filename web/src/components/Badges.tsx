import { useTranslation } from 'react-i18next';

export function DecisionBadge({ decision }: { decision: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${decision}`}>{t(`decision.${decision}`, { defaultValue: decision })}</span>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-sev-${severity}`}>{t(`severity.${severity}`, { defaultValue: severity })}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge-status-${status}`}>{t(`status.${status}`, { defaultValue: status })}</span>;
}
