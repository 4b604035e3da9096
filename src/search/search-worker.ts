// The search thread: holds every edition's index, so ranking a query never holds up the thread that serves pages.
import { parentPort } from 'node:worker_threads';
import { ForumTermIndex } from './forum-index.js';
import type { SearchMessage } from './search-messages.js';
import { TermIndex } from './term-index.js';

const indexes = new Map<number, TermIndex>();
const forumIndexes = new Map<number, ForumTermIndex>();

function indexOf(id: number): TermIndex {
  const index = indexes.get(id);
  if (!index) throw new Error(`no search index ${id}`);
  return index;
}

function forumIndexOf(id: number): ForumTermIndex {
  const index = forumIndexes.get(id);
  if (!index) throw new Error(`no forum index ${id}`);
  return index;
}

/** One message at a time, in the order sent: changes are in the index before any query sent after them. */
function handle(message: SearchMessage): unknown {
  switch (message.type) {
    case 'open':
      indexes.set(message.index, new TermIndex(message.lang));
      return undefined;
    case 'reset':
      indexOf(message.index).reset();
      return undefined;
    case 'put':
      indexOf(message.index).put(message.documents, message.replace);
      return undefined;
    case 'discard':
      indexOf(message.index).discard(message.ids);
      return undefined;
    case 'query':
      return indexOf(message.index).query(message.query);
    case 'flush':
      return undefined;
    case 'forum-open':
      forumIndexes.set(message.index, new ForumTermIndex());
      return undefined;
    case 'forum-begin':
      forumIndexOf(message.index).begin();
      return undefined;
    case 'forum-put':
      forumIndexOf(message.index).put(message.documents);
      return undefined;
    case 'forum-finish':
      forumIndexOf(message.index).finish();
      return undefined;
    case 'forum-query':
      return forumIndexOf(message.index).query(message.query);
  }
}

parentPort?.on('message', (message: SearchMessage) => {
  try {
    const result = handle(message);
    if (message.reply !== undefined) parentPort?.postMessage({ reply: message.reply, result });
  } catch (error) {
    if (message.reply !== undefined) parentPort?.postMessage({ reply: message.reply, error: error instanceof Error ? error.message : String(error) });
    else throw error;
  }
});
