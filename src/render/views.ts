// EJS, configured once: templates under views/ are compiled on first use and escape everything by default.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';

export type Locals = Record<string, unknown>;

export class Views {
  private readonly dir: string;
  private readonly compiled = new Map<string, ejs.TemplateFunction>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Renders views/<name>.ejs. `<%= %>` escapes; only locals named …Html may be written raw with `<%- %>`. */
  render(name: string, locals: Locals): string {
    let template = this.compiled.get(name);
    if (!template) {
      const filename = path.join(this.dir, `${name}.ejs`);
      // strict + _with: false make a misspelt local an error instead of an empty string, and keep `with` out.
      // cache: true makes EJS keep compiled partials too (by file name); without it every include() of the
      // header and footer compiles them again, which dominated rendering a 10,000-page site.
      template = ejs.compile(readFileSync(filename, 'utf8'), {
        filename,
        strict: true,
        _with: false,
        localsName: 'it',
        views: [this.dir],
        async: false,
        cache: true,
      });
      this.compiled.set(name, template);
    }
    return template(locals);
  }

  /** Forget compiled templates after a change under views/ (development). */
  clear(): void {
    this.compiled.clear();
    ejs.clearCache();
  }
}
