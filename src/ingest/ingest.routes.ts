import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { Container } from '../app/container.ts';
import { principalOf } from '../http/principal.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { ingestOf } from './ingest.module.ts';
import { IngestBody, IngestJobSchema, IngestResponse, recordsOf } from './ingest.schema.ts';
import { FILE_ENCODINGS, fileEncodingOf, formatOf } from './file-reader.ts';
import { ingestStream } from './file-ingest.service.ts';
import type { IngestJob } from './ingest-jobs.ts';
import { batchAnswerBytes, type BatchAnswer } from './ingest.answer.ts';

const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

function jobView(j: IngestJob) {
  return {
    id: j.id, fileName: j.fileName, format: j.format, status: j.status, bytesTotal: j.bytesTotal, bytesRead: j.bytesRead,
    processed: j.processed, accepted: j.accepted, duplicates: j.duplicates, quarantined: j.quarantined, error: j.error,
    startedAt: new Date(j.startedAt).toISOString(), finishedAt: j.finishedAt === null ? null : new Date(j.finishedAt).toISOString(),
  };
}

export async function ingestRoutes(app: FastifyInstance, c: Container): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = ingestOf(c);

  r.post('/transactions', {
    config: { permission: 'transactions:ingest' },
    schema: {
      tags: ['ingest'], summary: 'Ingest and score one transaction or a batch (up to 10,000)',
      description: 'Each record is answered with its decision, score and fired scenarios with reasons (zh-CN, en); '
        + 'the evaluation trace of each hit is on GET /transactions/{id}. Re-sent ids return their original result.',
      body: IngestBody, response: { 200: IngestResponse },
    },
    // The schemas above describe the route (OpenAPI); at run time the body's envelope is checked by
    // recordsOf and each record by the data-quality validator, and the answer (typed results) is
    // written by batchAnswerBytes: zod's pass over 1,000 records each way repeated those checks.
    // Fastify types a serializer's result as a string but sends a Buffer as it is (with the JSON
    // content type it set before serializing): the answer is UTF-8 bytes, encoded once.
    validatorCompiler: () => (data) => ({ value: data }),
    serializerCompiler: () => (data) => batchAnswerBytes(data as BatchAnswer) as unknown as string,
  }, async (req) => {
    const p = principalOf(req);
    const { summary, results } = await ctx.queue.submit(
      recordsOf(req.body).map((data, i) => ({ position: i, data })),
      { institutionId: p.scope.institutionId, source: 'api', actor: p.actor },
    );
    // Evaluation traces stay on GET /transactions/{id}: a batch answer carries decisions and reasons.
    return { ...summary, results };
  });

  await app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
    scoped.withTypeProvider<ZodTypeProvider>().post('/ingest/files', {
      config: { permission: 'transactions:ingest' },
      schema: {
        tags: ['ingest'],
        summary: 'Upload a CSV or JSONL file and ingest it as it streams in',
        description: 'Records are committed in batches while the upload streams. Pass a client-chosen `jobId` to poll '
          + 'GET /ingest/jobs/{id} for progress from another request (any server sharing the database); the response is the '
        + 'finished job. A job whose server stopped before the end is reported as `interrupted`: upload the file again.',
        consumes: ['multipart/form-data'],
        querystring: z.object({
          jobId: z.string().regex(/^[\w-]{8,64}$/).optional(),
          encoding: z.string().refine((v) => fileEncodingOf(v) !== undefined, { message: `use ${FILE_ENCODINGS.join(' or ')} (gbk and gb2312 are read as gb18030)` }).optional()
            .describe('Text encoding of the file: utf-8 (default) or gb18030 (also for gbk / gb2312 files, as Excel saves CSV in Chinese locales)'),
        }),
        response: { 200: IngestJobSchema },
      },
    }, async (req) => {
      const p = principalOf(req);
      const file = await req.file();
      if (!file) throw new AppError('validation', 'no file in the upload', [{ path: 'file', message: 'send one file field' }]);
      const format = formatOf(file.filename);
      if (!format) {
        file.file.resume();
        throw new AppError('validation', `unsupported file type: ${file.filename}`, [{ path: 'file', message: 'use .csv or .jsonl' }]);
      }
      try {
        const job = await ctx.jobs.run({
          id: req.query.jobId ?? c.ids('job'), institutionId: p.scope.institutionId, fileName: file.filename, format,
          bytesTotal: Number(req.headers['content-length'] ?? 0), createdBy: p.actor.id,
        }, (progress) => ingestStream(ctx.ingest, file.file, Number(req.headers['content-length'] ?? 0), { format, encoding: fileEncodingOf(req.query.encoding ?? 'utf-8') },
          { institutionId: p.scope.institutionId, source: `file:${file.filename}`, actor: p.actor }, progress));
        return jobView(job);
      } finally {
        file.file.resume(); // a refused job (id taken) or a failed one leaves the rest of the upload unread
      }
    });
  });

  r.get('/ingest/jobs/:id', {
    config: { permission: 'transactions:ingest' },
    schema: { tags: ['ingest'], summary: 'Progress of a file ingest job', params: z.object({ id: z.string() }), response: { 200: IngestJobSchema } },
  }, async (req) => {
    const p = principalOf(req);
    const job = await ctx.jobs.get(p.scope.institutionId, req.params.id);
    if (!job) throw notFound('ingest job', req.params.id);
    return jobView(job);
  });
}
