import { escapeMarkdown } from './escape';
import { LEVEL_TEXT } from './level-text';
import type { Report } from './report.schema';

function quoteWithMatch(quote: string, span: readonly [number, number]): string {
  const [start, end] = span;
  const before = escapeMarkdown(quote.slice(0, start));
  const match = escapeMarkdown(quote.slice(start, end));
  const after = escapeMarkdown(quote.slice(end));
  return `${before}**${match}**${after}`;
}

/** A Markdown report for reading in a terminal, a ticket or a code review. Résumé text is escaped. */
export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  out.push(`# Evidence report: ${escapeMarkdown(report.source.fileName)}`, '');
  out.push(`> ${report.notice}`, '');
  out.push(
    `- Candidate id: \`${report.candidateId}\``,
    `- Profile: ${escapeMarkdown(report.profile.title)} (\`${report.profile.id}\` v${report.profile.version})`,
    `- File: sha256 \`${report.source.sha256.slice(0, 16)}…\`, ${report.source.bytes} bytes`,
  );
  if (report.status === 'error') {
    out.push('', '## The file could not be read', '', `**${report.error.code}**: ${escapeMarkdown(report.error.message)}`, '');
    return `${out.join('\n')}\n`;
  }
  const doc = report.document;
  out.push(`- Document: ${doc.format.toUpperCase()}, ${doc.pages} page(s), ${doc.lines} lines, ${doc.characters} characters`);
  out.push('', '## Requirements', '', '| Requirement | Priority | Level | Evidence items |', '|---|---|---|---|');
  for (const requirement of report.requirements) {
    const level = LEVEL_TEXT[requirement.level];
    out.push(
      `| ${escapeMarkdown(requirement.label)} (\`${requirement.id}\`) | ${requirement.priority} | ${level.symbol} ${level.label} | ${requirement.items.length} |`,
    );
  }
  if (report.flags.length > 0) {
    out.push('', '## Flags for the reviewer', '');
    for (const flag of report.flags) {
      out.push(`- **${flag.code}**: ${escapeMarkdown(flag.message)}`);
      for (const quote of flag.quotes) {
        out.push(`  - page ${quote.page}, line ${quote.line}: “${escapeMarkdown(quote.quote)}”`);
      }
    }
  }
  for (const requirement of report.requirements) {
    const level = LEVEL_TEXT[requirement.level];
    out.push('', `## ${escapeMarkdown(requirement.label)}: ${level.symbol} ${level.label}`, '');
    out.push(`*${escapeMarkdown(requirement.levelReason)}*`, '');
    if (requirement.items.length === 0) {
      out.push(`Looked for, not found: ${requirement.lookedFor.map((term) => `\`${term.replace(/`/g, "'")}\``).join(', ')}`);
    }
    for (const item of requirement.items) {
      out.push(
        `- page ${item.page}, line ${item.line} (${item.section}), **${item.level}** by rule \`${item.rule}\`: “${quoteWithMatch(item.quote, item.span)}”`,
        `  - ${escapeMarkdown(item.reason)} (matched \`${item.term.replace(/`/g, "'")}\`)`,
      );
    }
    if (requirement.ignored.length > 0) {
      out.push('', 'Set aside (not counted):');
      for (const ignored of requirement.ignored) {
        out.push(
          `- page ${ignored.page}, line ${ignored.line}: “${escapeMarkdown(ignored.quote)}” (\`${ignored.rule}\`: ${escapeMarkdown(ignored.reason)})`,
        );
      }
    }
  }
  if (report.publications.length > 0) {
    out.push('', `## Publications found (${report.publications.length})`, '');
    for (const publication of report.publications) {
      const facts = [publication.venue, publication.year].filter((fact) => fact !== undefined).join(', ');
      out.push(`- page ${publication.page}, line ${publication.line}: “${escapeMarkdown(publication.quote)}”${facts ? ` (${escapeMarkdown(facts)})` : ''}`);
    }
  }
  if (doc.warnings.length > 0) {
    out.push('', '## Extraction warnings', '');
    for (const warning of doc.warnings) {
      out.push(`- ${warning.code}${warning.page ? ` (page ${warning.page})` : ''}: ${escapeMarkdown(warning.message)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
