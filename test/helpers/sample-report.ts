import type { ExtractedDocument, Line } from '../../src/extract/document.schema';
import type { Evidence } from '../../src/evidence/evidence.schema';
import type { Profile } from '../../src/profile/profile.schema';
import { buildReport, describeSource } from '../../src/report/build-report';
import type { OkReport } from '../../src/report/report.schema';

export const sampleProfile: Profile = {
  id: 'sample-role',
  title: 'Sample role',
  version: '1.2.0',
  description: 'A profile for report tests.',
  requirements: [
    {
      id: 'rl',
      label: 'Reinforcement learning',
      description: 'Has worked on RL.',
      priority: 'must',
      evidence: { terms: ['reinforcement learning'], synonyms: [], acronyms: ['RL', 'PPO'], phrases: [] },
      context: { exclude: ['concrete'], boost: ['led'], window: 6 },
      sectionEvidence: [],
    },
    {
      id: 'python',
      label: 'Python',
      description: 'Writes Python.',
      priority: 'plus',
      evidence: { terms: ['python'], synonyms: [], acronyms: [], phrases: [] },
      context: { exclude: [], boost: [], window: 6 },
      sectionEvidence: [],
    },
  ],
};

function line(page: number, lineNo: number, text: string, extra: Partial<Line> = {}): Line {
  return { page, line: lineNo, text, section: 'experience', heading: false, hidden: false, ...extra };
}

export const hostileLine = 'Built <script>alert("x")</script> PPO agents, see [site](javascript:alert(1)) & <b>more</b>';

export const sampleDocument: ExtractedDocument = {
  format: 'pdf',
  pageCount: 1,
  characters: 200,
  warnings: [{ code: 'SAMPLE_WARNING', message: 'a warning <i>with markup</i>' }],
  lines: [
    line(1, 1, 'Avery Example', { section: 'header' }),
    line(1, 2, 'EXPERIENCE', { heading: true }),
    line(1, 3, hostileLine),
    line(1, 4, 'white keywords RLHF PPO', { hidden: true, hiddenReason: 'white text' }),
  ],
};

export const sampleEvidence: Evidence = {
  requirements: [
    {
      requirementId: 'rl',
      level: 'used',
      levelReason: 'Applied in a role.',
      items: [
        {
          page: 1,
          line: 3,
          section: 'experience',
          quote: hostileLine,
          matched: 'PPO',
          span: [hostileLine.indexOf('PPO'), hostileLine.indexOf('PPO') + 3],
          term: 'PPO',
          rule: 'applied-in-role',
          reason: 'Found in experience with an action verb.',
          level: 'used',
        },
      ],
      ignored: [
        {
          page: 1,
          line: 4,
          section: 'experience',
          quote: 'white keywords RLHF PPO',
          matched: 'PPO',
          term: 'PPO',
          rule: 'hidden-text',
          reason: 'Hidden text never counts.',
        },
      ],
      lookedFor: ['reinforcement learning', 'RL', 'PPO'],
    },
    {
      requirementId: 'python',
      level: 'none',
      levelReason: 'Looked for python; not found.',
      items: [],
      ignored: [],
      lookedFor: ['python'],
    },
  ],
  flags: [{ code: 'HIDDEN_TEXT', message: 'Text a reader cannot see.', quotes: [{ page: 1, line: 4, quote: 'white keywords RLHF PPO' }] }],
  publications: [],
};

export function sampleReport(fileName = 'Avery <Example>.pdf'): OkReport {
  const source = describeSource({ fileName, bytes: new TextEncoder().encode('sample bytes') });
  return buildReport({ source, profile: sampleProfile, document: sampleDocument, evidence: sampleEvidence });
}
