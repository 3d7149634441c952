#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { version } from '../../package.json';
import { ResumeEvidenceError } from '../errors';
import { defaultProfile, loadProfile } from '../profile/load-profile';
import { loadConfig } from '../config';
import { registerAuditCommand } from './audit-command';
import { registerEvalCommand } from './eval-command';
import { describeOutput, formatSummaryTable, runScreen } from './screen-command';
import { startServer } from './serve-command';
import { startWorkerProcess } from './worker-command';

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return parsed;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('resume-evidence')
    .description('Evidence reports for human reviewers of résumés. It never decides.')
    .version(version);

  program
    .command('screen')
    .description('screen résumé files and folders in-process and write evidence reports')
    .argument('<paths...>', 'résumé files (PDF, DOCX, TXT, Markdown) or folders of them')
    .option('-p, --profile <file>', 'job profile (JSON or YAML); default: the built-in research-engineer profile')
    .option('-o, --out <dir>', 'folder for the reports', 'reports')
    .option('-c, --concurrency <n>', 'files in flight at once', positiveInt, 4)
    .option('--max-bytes <n>', 'largest file accepted, in bytes', positiveInt, 10 * 1024 * 1024)
    .option('--timeout-ms <n>', 'time budget to parse one file, in ms', positiveInt, 20_000)
    .option('--max-memory-mb <n>', 'heap budget to parse one file, in MB', positiveInt, 512)
    .option('--no-progress', 'no progress bar')
    .action(async (paths: string[], options: { profile?: string; out: string; concurrency: number; maxBytes: number; timeoutMs: number; maxMemoryMb: number; progress: boolean }) => {
      const profile = options.profile ? await loadProfile(options.profile) : defaultProfile();
      const run = await runScreen({
        inputs: paths,
        profile,
        outDir: options.out,
        concurrency: options.concurrency,
        maxBytes: options.maxBytes,
        budget: { timeoutMs: options.timeoutMs, maxOldGenerationSizeMb: options.maxMemoryMb },
        progress: options.progress && Boolean(process.stderr.isTTY),
        onUnexpectedError: (fileName, error) => {
          // The error's message may quote the file; print only its type and where it happened.
          const name = error instanceof Error ? error.name : typeof error;
          process.stderr.write(`internal error (${name}) while screening ${fileName}; its report says INTERNAL\n`);
        },
      });
      for (const missing of run.missing) process.stderr.write(`not found, skipped: ${missing}\n`);
      if (run.summary.counts.total === 0) {
        throw new ResumeEvidenceError('INVALID_INPUT', 'No files found in the given paths; give résumé files or folders that contain them.');
      }
      process.stdout.write(`${formatSummaryTable(run.summary)}\n${describeOutput(options.out, run.summary)}\n`);
    });

  registerEvalCommand(program);
  registerAuditCommand(program);

  program
    .command('serve')
    .description('run the HTTP API (uploads, webhooks, reports) in front of the Redis queue; configured by environment variables')
    .action(async () => {
      const server = await startServer(loadConfig());
      process.stderr.write(`resume-evidence API listening on ${server.address}\n`);
    });

  program
    .command('worker')
    .description('run queue workers (extract, tag, report, callbacks) against Redis; configured by environment variables')
    .action(async () => {
      await startWorkerProcess(loadConfig());
    });

  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof ResumeEvidenceError) {
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

if (require.main === module) {
  void main();
}
