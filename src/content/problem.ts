// A problem found in a content file, located by file and line so an editor can go straight to it.
export type Severity = 'error' | 'warning';

export interface Problem {
  /** Path relative to the content directory, with forward slashes. */
  readonly file: string;
  /** 1-based line in the file. */
  readonly line: number;
  readonly severity: Severity;
  readonly message: string;
}

/** A problem at a line of a file: an error unless said otherwise. */
export function problemAt(file: string, line: number, message: string, severity: Severity = 'error'): Problem {
  return { file, line, severity, message };
}

export function formatProblem(problem: Problem, prefix = ''): string {
  const tag = problem.severity === 'warning' ? 'warning: ' : '';
  return `${prefix}${problem.file}:${problem.line}: ${tag}${problem.message}`;
}

/** Thrown while reading one file; carries where it went wrong (Eleventy's TemplateContentFrontMatterError idea). */
export class ContentError extends Error {
  readonly file: string;
  readonly line: number;
  /** Further faults found in the same file, so an editor sees them all at once. */
  readonly more: readonly { line: number; message: string }[];

  constructor(file: string, line: number, message: string, options: { cause?: unknown; more?: readonly { line: number; message: string }[] } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ContentError';
    this.file = file;
    this.line = line;
    this.more = options.more ?? [];
  }

  toProblems(): Problem[] {
    return [{ line: this.line, message: this.message }, ...this.more].map(({ line, message }) => ({ file: this.file, line, severity: 'error', message }));
  }
}
