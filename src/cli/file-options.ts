import type { Command } from 'commander';
import { fileEncodingOf, type FileEncoding } from '../ingest/file-reader.ts';
import { AppError } from '../shared/errors.ts';

/** `--encoding` of the commands that read transaction files (ingest, stream publish). */
export function withEncodingOption(cmd: Command): Command {
  return cmd.option('--encoding <name>', 'text encoding of the file: utf-8, or gb18030 (also read for gbk / gb2312)', 'utf-8');
}

export function encodingOption(value: string): FileEncoding {
  const encoding = fileEncodingOf(value);
  if (!encoding) throw new AppError('validation', `unknown encoding "${value}": use utf-8 or gb18030`, [{ path: '--encoding', message: 'use utf-8 or gb18030 (gbk, gb2312)' }]);
  return encoding;
}
