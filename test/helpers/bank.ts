import type { Container } from '../../src/app/container.ts';
import { referenceServiceOf } from '../../src/reference/reference.module.ts';
import { DEFAULT_INSTITUTION } from '../../src/reference/reference.service.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.types.ts';

/** A tiny bank in the default institution: head office, two branches, three customers, four accounts. */
export const BANK = {
  institutionId: DEFAULT_INSTITUTION.id,
  bankCode: DEFAULT_INSTITUTION.bankCode,
  headOffice: 'br_ho',
  east: 'br_east',
  west: 'br_west',
};

export async function loadSmallBank(c: Container): Promise<void> {
  const i = BANK.institutionId;
  await referenceServiceOf(c).load(i, {
    branches: [
      { id: 'br_ho', institutionId: i, parentId: null, code: 'HO', name: '总行', level: 0 },
      { id: 'br_east', institutionId: i, parentId: 'br_ho', code: 'E01', name: '东城支行', level: 1 },
      { id: 'br_west', institutionId: i, parentId: 'br_ho', code: 'W01', name: '西城支行', level: 1 },
    ],
    customers: [
      { id: 'cus_1', institutionId: i, branchId: 'br_east', kind: 'person', name: '王小明', idNumber: '110101195001011234', phone: '13800138000', address: '北京市东城区一号', birthDate: '1950-01-01', occupation: 'retired', riskLevel: 'low', kycDate: '2024-01-01', kycReviewDate: null },
      { id: 'cus_2', institutionId: i, branchId: 'br_west', kind: 'person', name: '李四', idNumber: '110101199001015678', phone: '13900139000', address: '北京市西城区二号', birthDate: '1990-01-01', occupation: 'engineer', riskLevel: 'medium', kycDate: '2024-01-01', kycReviewDate: null },
      { id: 'cus_3', institutionId: i, branchId: 'br_east', kind: 'organisation', name: '前哨贸易有限公司', idNumber: null, phone: null, address: null, birthDate: null, occupation: null, riskLevel: 'low', kycDate: null, kycReviewDate: null },
    ],
    accounts: [
      { id: '6222000000000001', institutionId: i, branchId: 'br_east', customerId: 'cus_1', type: 'savings', status: 'active', currency: 'CNY', openedAt: '2020-01-01' },
      { id: '6222000000000002', institutionId: i, branchId: 'br_west', customerId: 'cus_2', type: 'savings', status: 'active', currency: 'CNY', openedAt: '2021-01-01' },
      { id: '6222000000000003', institutionId: i, branchId: 'br_east', customerId: 'cus_3', type: 'corporate', status: 'active', currency: 'CNY', openedAt: '2019-01-01' },
      { id: '6222000000000004', institutionId: i, branchId: 'br_west', customerId: 'cus_2', type: 'card', status: 'dormant', currency: 'CNY', openedAt: '2018-01-01' },
    ],
  }, SYSTEM_ACTOR);
}
