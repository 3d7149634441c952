import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface CollectedFiles {
  files: string[];
  /** Paths given on the command line that do not exist or are not files or folders. */
  missing: string[];
}

/**
 * Expands files and folders (recursively) into a sorted list of files. Hidden files and folders
 * (".git", ".DS_Store") are skipped; every other file is screened, because the type is decided from
 * the bytes, not the name, and a file we cannot read must still be reported, not silently dropped.
 */
export async function collectFiles(inputs: readonly string[]): Promise<CollectedFiles> {
  const files = new Set<string>();
  const missing: string[] = [];
  async function walk(folder: string): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.add(full);
    }
  }
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) missing.push(input);
    else if (info.isDirectory()) await walk(input);
    else if (info.isFile()) files.add(input);
    else missing.push(input);
  }
  return { files: [...files].sort(), missing };
}
