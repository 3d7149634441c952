/** One way to say where a zod schema found a problem, for every file, payload and variable we check. */
export interface IssueLike {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/** Turns a zod issue path into the form people write: `requirements[2].evidence.terms`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let formatted = '';
  for (const key of path) {
    if (typeof key === 'number') formatted += `[${key}]`;
    else formatted += formatted === '' ? String(key) : `.${String(key)}`;
  }
  return formatted;
}

/** `path: message` per issue; `root` names what an issue without a path is about. */
export function describeIssues(issues: ReadonlyArray<IssueLike>, root: string): string[] {
  return issues.map((issue) => `${formatIssuePath(issue.path) || root}: ${issue.message}`);
}
