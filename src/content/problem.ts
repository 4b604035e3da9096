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

export function formatProblem(problem: Problem, prefix = ''): string {
  const tag = problem.severity === 'warning' ? 'warning: ' : '';
  return `${prefix}${problem.file}:${problem.line}: ${tag}${problem.message}`;
}

/** Thrown while reading one file; carries where it went wrong (Eleventy's TemplateContentFrontMatterError idea). */
export class ContentError extends Error {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ContentError';
    this.file = file;
    this.line = line;
  }

  toProblem(): Problem {
    return { file: this.file, line: this.line, severity: 'error', message: this.message };
  }
}
