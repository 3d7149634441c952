import { Command, InvalidArgumentError } from 'commander';
import Table from 'cli-table3';
import { runCounterfactual, type CounterfactualResult, type SubstitutionKind } from '../eval/counterfactual';
import { formatEvalText } from '../eval/format-eval';
import { runEval } from '../eval/run-eval';
import { defaultProfile, loadProfile } from '../profile/load-profile';

export interface EvalCommandOptions {
  labels: string;
  files?: string;
  profile?: string;
  json?: boolean;
  split?: string;
  minF1?: number;
  counterfactual?: boolean;
}

function fraction(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new InvalidArgumentError('expected a number between 0 and 1, e.g. 0.8');
  }
  return parsed;
}

function formatCounterfactualText(result: CounterfactualResult): string {
  const table = new Table({ head: ['file', 'result', 'changed in the variants', 'differences'], style: { head: [], border: [] } });
  for (const document of result.documents) {
    const changed = new Map<SubstitutionKind, number>();
    for (const variant of document.variants) {
      for (const [kind, lines] of Object.entries(variant.changed) as Array<[SubstitutionKind, number]>) changed.set(kind, Math.max(changed.get(kind) ?? 0, lines));
    }
    const differences = document.variants.reduce((sum, variant) => sum + variant.differences.length, 0) + document.personalEvidence.length;
    table.push([
      document.file,
      document.status === 'skipped' ? `skipped (${document.error ?? 'unreadable'})` : document.status,
      [...changed].map(([kind, lines]) => `${kind} ×${lines}`).join(', ') || '-',
      String(differences),
    ]);
  }
  const details = result.documents
    .filter((document) => document.status === 'fail')
    .map((document) =>
      [
        `${document.file}:`,
        ...document.personalEvidence.map((problem) => `  ${problem}`),
        ...document.variants.flatMap((variant) => variant.differences.map((difference) => `  [${variant.variant}] ${difference}`)),
      ].join('\n'),
    );
  const summary = `counterfactual probe (name, email, pronouns, address, schools, date of birth, photo caption changed): ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped (unreadable files).`;
  return `${[summary, table.toString(), ...details].join('\n\n')}\n`;
}

/** Adds `eval` to the CLI: measures evidence levels against a label file, beside a keyword baseline. */
export function registerEvalCommand(program: Command): Command {
  return program
    .command('eval')
    .description('measure the evidence levels against hand-labelled résumés, beside a plain keyword baseline')
    .requiredOption('-l, --labels <file>', 'label file (JSON): {"documents": [{"file", "skills", "publication_count"}]}')
    .option('-f, --files <dir>', "folder the labels' file paths are relative to; default: the label file's folder")
    .option('-p, --profile <file>', 'job profile (JSON or YAML); default: the built-in research-engineer profile')
    .option('--json', 'print one JSON object instead of tables')
    .option('--split <name>', 'only documents of this split (e.g. tune, heldout)')
    .option('--min-f1 <x>', 'exit non-zero when the macro-F1 of "present" is below x (0..1)', fraction)
    .option('--counterfactual', 'run the fairness probe instead: changed names, pronouns, addresses, schools and birth dates must not change the evidence')
    .action(async (options: EvalCommandOptions) => {
      const profile = options.profile ? await loadProfile(options.profile) : defaultProfile();
      const common = {
        labelsPath: options.labels,
        profile,
        ...(options.files !== undefined ? { filesDir: options.files } : {}),
        ...(options.split !== undefined ? { split: options.split } : {}),
      };
      if (options.counterfactual) {
        const result = await runCounterfactual(common);
        process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatCounterfactualText(result));
        if (result.failed > 0) process.exitCode = 1;
        return;
      }
      const result = await runEval(common);
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatEvalText(result));
      if (options.minF1 !== undefined && (result.macroF1 === null || result.macroF1 < options.minF1)) {
        const measured = result.macroF1 === null ? 'not measurable (no labelled document)' : result.macroF1.toFixed(3);
        process.stderr.write(`macro-F1 ${measured} is below --min-f1 ${options.minF1}\n`);
        process.exitCode = 1;
      }
    });
}
