/** Reference data: the institution's branch tree, its customers and their accounts. */
export interface Institution {
  id: string;
  code: string;
  name: string;
  /** Bank code (e.g. CNAPS participant code) of the institution's own accounts. */
  bankCode: string;
}

export interface Branch {
  id: string;
  institutionId: string;
  parentId: string | null;
  code: string;
  name: string;
  /** 0 = head office, 1 = branch, 2 = sub-branch (outlet). */
  level: number;
}

export type CustomerKind = 'person' | 'organisation';
export type RiskLevel = 'low' | 'medium' | 'high';

export interface Customer {
  id: string;
  institutionId: string;
  branchId: string;
  kind: CustomerKind;
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  /** ISO date (YYYY-MM-DD) for persons. */
  birthDate: string | null;
  occupation: string | null;
  riskLevel: RiskLevel;
  kycDate: string | null;
  kycReviewDate: string | null;
}

export const ACCOUNT_TYPES = ['current', 'savings', 'card', 'corporate', 'internal'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const ACCOUNT_STATUSES = ['active', 'dormant', 'frozen', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface Account {
  /** Account number as used on transactions. */
  id: string;
  institutionId: string;
  branchId: string;
  customerId: string;
  type: AccountType;
  status: AccountStatus;
  currency: string;
  /** ISO date the account was opened. */
  openedAt: string;
}
