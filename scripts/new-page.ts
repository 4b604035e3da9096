// `npm run new -- news "Title"` or `-- page folder/name "Title"`: creates a page ready to write, as `hugo new` does.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP_PATHS } from '../src/app-paths.js';
import { loadConfig } from '../src/config.js';
import { NewPageError, parseNewArgs, planNewPage, UsageError, USAGE } from '../src/content/new-page.js';
import { localDay } from '../src/lib/calendar-day.js';
import { listFiles } from '../src/lib/list-files.js';

const config = loadConfig(process.env);
const args = process.argv.slice(2);

function create(): void {
  const request = parseNewArgs(args, localDay(new Date()));
  const plan = planNewPage(request, listFiles(config.contentDir), new Set(APP_PATHS));
  const target = path.join(config.contentDir, plan.file);
  const shown = path.relative(process.cwd(), target).split(path.sep).join('/');
  mkdirSync(path.dirname(target), { recursive: true });
  try {
    // "wx" refuses to overwrite even a file that appeared since the folder was listed.
    writeFileSync(target, plan.text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new NewPageError(`${shown} already exists; edit it, or choose another name`);
    throw error;
  }
  console.log(`Created ${shown}`);
  console.log(`Its address: ${plan.url}`);
  for (const note of plan.notes) console.log(note);
  console.log('');
  console.log('Next: write the description and the text in the file, then run npm run check. The page is a draft: only');
  console.log('the preview shows it, with a "Draft" banner. Delete the line "draft: true" to publish it.');
  console.log('');
  console.log(`To preview it: npm run dev, then open http://localhost:${config.port}${plan.url}`);
}

if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
} else {
  try {
    create();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`npm run new: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof NewPageError) {
      console.error(`npm run new: ${error.message}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}
