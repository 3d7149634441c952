import type { Level } from '../evidence/evidence.schema';

/** Words and a symbol for each level, so a level is never shown by colour alone. */
export const LEVEL_TEXT: Record<Level, { label: string; symbol: string; meaning: string }> = {
  none: { label: 'none', symbol: '○', meaning: 'looked for, not found' },
  mentioned: { label: 'mentioned', symbol: '◔', meaning: 'only listed or claimed' },
  used: { label: 'used', symbol: '◑', meaning: 'applied in a role or project' },
  strong: { label: 'strong', symbol: '●', meaning: 'central to their work' },
};
