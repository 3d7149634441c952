import { existsSync } from 'node:fs';
import path from 'node:path';
import { runCounterfactual, type CounterfactualResult } from '../../../src/eval/counterfactual';
import { defaultProfile } from '../../../src/profile/load-profile';
import { readLabels } from '../../helpers/labels';

const root = path.resolve(__dirname, '../../..');
const labelSets = [path.join(root, 'fixtures/labels.json'), path.join(root, 'fixtures/labeled/labels.json')].filter((file) => existsSync(file));

describe.each(labelSets.map((file) => [path.relative(root, file), file]))('counterfactual probe on %s', (_name, labelsPath) => {
  let result: CounterfactualResult;
  beforeAll(async () => {
    result = await runCounterfactual({ labelsPath, profile: defaultProfile() });
  });

  it('gives the same levels and evidence when name, address, schools and birth date change', () => {
    const labels = readLabels(labelsPath);
    const failures = result.documents
      .filter((document) => document.status === 'fail')
      .map((document) => ({
        file: document.file,
        problems: [...document.personalEvidence, ...document.variants.flatMap((variant) => variant.differences.map((d) => `[${variant.variant}] ${d}`))],
      }));
    expect(failures).toEqual([]);
    // Only the files labelled as unreadable are skipped.
    expect(result.documents.filter((document) => document.status === 'skipped').map((document) => document.file).sort()).toEqual(
      labels.documents.filter((label) => label.error !== undefined).map((label) => label.file).sort(),
    );
  });

  it('really changes the name and email of every readable résumé', () => {
    for (const document of result.documents.filter((candidate) => candidate.status !== 'skipped')) {
      for (const variant of document.variants) {
        expect({ file: document.file, variant: variant.variant, name: (variant.changed.name ?? 0) > 0, email: (variant.changed.email ?? 0) > 0 }).toEqual({
          file: document.file,
          variant: variant.variant,
          name: true,
          email: true,
        });
      }
    }
  });
});
