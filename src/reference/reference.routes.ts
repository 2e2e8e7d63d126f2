import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../app/container.ts';
import { can, principalOf } from '../http/principal.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../crypto/masking.ts';
import type { Customer } from '../domain/reference.ts';
import { ACCOUNT_STATUSES, ACCOUNT_TYPES } from '../domain/reference.ts';
import { referenceServiceOf } from './reference.module.ts';
import { LoadBody } from './reference.schema.ts';

const CustomerView = z.object({
  id: z.string(), branchId: z.string(), kind: z.enum(['person', 'organisation']),
  name: z.string(), idNumber: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable(),
  birthDate: z.string().nullable(), occupation: z.string().nullable(), riskLevel: z.enum(['low', 'medium', 'high']),
  kycDate: z.string().nullable(), kycReviewDate: z.string().nullable(),
  masked: z.boolean().describe('true when personal data is masked for the caller\'s role'),
});

const AccountView = z.object({
  id: z.string(), branchId: z.string(), customerId: z.string(), type: z.enum(ACCOUNT_TYPES), status: z.enum(ACCOUNT_STATUSES),
  currency: z.string(), openedAt: z.string(),
});


function customerView(c: Customer, reveal: boolean): z.infer<typeof CustomerView> {
  const m = <T extends string | null>(v: T, f: (s: string) => string) => (v === null || reveal ? v : f(v));
  return {
    id: c.id, branchId: c.branchId, kind: c.kind, name: reveal ? c.name : maskName(c.name, c.kind),
    idNumber: m(c.idNumber, maskIdNumber), phone: m(c.phone, maskPhone), address: m(c.address, maskAddress),
    birthDate: c.birthDate, occupation: c.occupation, riskLevel: c.riskLevel, kycDate: c.kycDate, kycReviewDate: c.kycReviewDate,
    masked: !reveal,
  };
}

export async function referenceRoutes(app: FastifyInstance, c: Container): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = referenceServiceOf(c);
  const Id = z.object({ id: z.string() });

  r.get('/branches', {
    config: { permission: 'authenticated' },
    schema: {
      tags: ['reference'], summary: 'The branch tree in the caller\'s scope',
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), parentId: z.string().nullable(), code: z.string(), name: z.string(), level: z.number() })) }) },
    },
  }, async (req) => ({ items: (await svc.branches(principalOf(req).scope)).map(({ id, parentId, code, name, level }) => ({ id, parentId, code, name, level })) }));

  // A POST, not a GET with the number in the query: an ID number or phone in a URL would be written
  // to access logs, proxies' logs and browser history.
  r.post('/customers/search', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['reference'],
      summary: 'Find customers by exact ID number or phone (keyed-hash lookup; every customer returned is an audited read)',
      body: z.object({ idNumber: z.string().trim().min(4).max(64).optional(), phone: z.string().trim().min(4).max(32).optional() })
        .refine((q) => q.idNumber !== undefined || q.phone !== undefined, { message: 'give idNumber or phone' }),
      response: { 200: z.object({ items: z.array(CustomerView) }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    const found = await svc.findCustomers(p.scope, req.body, p.actor);
    return { items: found.map((x) => customerView(x, can(p, 'customers:pii'))) };
  });

  r.get('/customers/:id', {
    config: { permission: 'customers:read' },
    schema: {
      tags: ['reference'], summary: 'A customer (personal data masked unless the role may see it; every read is audited)',
      params: Id, response: { 200: z.object({ customer: CustomerView, accounts: z.array(AccountView) }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    const customer = await svc.customer(p.scope, req.params.id, p.actor);
    const accounts = await svc.accountsOfCustomer(p.scope, req.params.id);
    return { customer: customerView(customer, can(p, 'customers:pii')), accounts };
  });

  r.get('/accounts/:id', {
    config: { permission: 'customers:read' },
    schema: { tags: ['reference'], summary: 'An account', params: Id, response: { 200: AccountView } },
  }, async (req) => svc.account(principalOf(req).scope, req.params.id));

  r.post('/reference', {
    config: { permission: 'reference:write' },
    schema: {
      tags: ['reference'], summary: 'Put branches, customers, accounts and their identifiers of the caller\'s institution (audited)',
      description: 'New records are inserted; a record with a stored id replaces it (a customer re-rated, an account frozen), '
        + 'and the changes are audited field by field (personal data by name only). Every reference is checked first; nothing is stored '
        + 'when one points at a branch or customer the institution does not have (400) or an id belongs to another institution (409). '
        + 'A branch keeps its place in the tree: a load cannot move it.',
      body: LoadBody,
      response: {
        200: z.object({
          branches: z.number(), customers: z.number(), accounts: z.number(), identifiers: z.number(),
          updated: z.object({
            branches: z.number().describe('stored branches renamed'),
            customers: z.number().describe('stored customers re-written'),
            accounts: z.number().describe('stored accounts with a changed field'),
          }),
          quarantine: z.object({ examined: z.number(), resubmitted: z.number(), duplicates: z.number(), stillFailing: z.number() }).optional()
            .describe('quarantined transactions of the accounts this load added, tried again (data-quality rule retryOnReferenceLoad)'),
        }),
      },
    },
  }, async (req) => {
    const p = principalOf(req);
    const inst = p.scope.institutionId;
    const b = req.body;
    return svc.load(inst, {
      branches: b.branches.map((x) => ({ ...x, institutionId: inst })),
      customers: b.customers.map((x) => ({ ...x, institutionId: inst })),
      accounts: b.accounts.map((x) => ({ ...x, institutionId: inst })),
      identifiers: b.identifiers,
    }, p.actor);
  });
}
