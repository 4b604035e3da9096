// EJS, configured once: templates under views/, compiled on first use, escaping by default, each with its typed locals.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import { strictLocals } from './strict-locals.js';
import type { TemplateLocals, TemplateName } from './template-locals.js';

export interface ViewsOptions {
  /**
   * Throw when a template reads a local it was not given (development and tests). EJS itself prints "" for a
   * misspelt `it.x`: strict mode only catches bare names, and every local here is read through `it`.
   * Production skips the check, so serving pays nothing for it.
   */
  readonly checkLocals: boolean;
}

/** `include(name, locals)` as templates call it: name relative to views/, locals exactly the partial's own. */
type Include = (name: string, locals?: object) => string;

export class Views {
  private readonly dir: string;
  private readonly compiled = new Map<string, ejs.ClientFunction>();
  private readonly include: Include;

  constructor(dir: string, options: ViewsOptions) {
    this.dir = dir;
    const check = options.checkLocals;
    this.include = (name, locals) => {
      if (locals === undefined) throw new Error(`include('${name}') needs the partial's locals as its second argument`);
      return this.template(name)(check ? strictLocals(name, locals) : locals, ejs.escapeXML, this.include);
    };
  }

  /** Renders views/<name>.ejs. `<%= %>` escapes; only locals named …Html may be written raw with `<%- %>`. */
  render<N extends TemplateName>(name: N, locals: TemplateLocals[N]): string {
    return this.include(name, locals);
  }

  /** Forget compiled templates after a change under views/ (development). */
  clear(): void {
    this.compiled.clear();
  }

  private template(name: string): ejs.ClientFunction {
    let template = this.compiled.get(name);
    if (!template) {
      const filename = path.join(this.dir, `${name}.ejs`);
      // client: true gives the bare template function, so that include() is ours: EJS's own include hands a partial
      // a copy of all its parent's locals, merged with the ones passed, which is how a partial could read keys that
      // were never meant for it. Ours passes exactly the locals given, and copies nothing.
      // Partials are kept in this map too: compiling the header and footer again on every include dominated
      // rendering a 10,000-page site. _with: false keeps `with` out: every local is read as it.x.
      template = ejs.compile(readFileSync(filename, 'utf8'), { filename, client: true, strict: true, _with: false, localsName: 'it', async: false });
      this.compiled.set(name, template);
    }
    return template;
  }
}
