// Every address the app answers that is not a content page, read from where each is declared.
import { ASSET_PREFIX } from './http/assets.js';
import { GENERATED_PATHS } from './publish/generated-files.js';
import { routeTable, type AppRoute } from './routes/app-route.js';
import { forumRoute } from './routes/forum/index.js';
import { healthRoute } from './routes/health.js';
import { searchRoute } from './routes/search.js';
import { statsRoute } from './routes/stats.js';

/** The app's own routes (Express routers); app.ts mounts each of them. */
export const APP_ROUTE_LIST = [searchRoute, statsRoute, healthRoute, forumRoute] as const;
export const APP_ROUTES = routeTable(APP_ROUTE_LIST);

/** The routes' public pages, for the sitemap. */
export const APP_SITEMAP_PATHS: readonly string[] = APP_ROUTE_LIST.flatMap((route: AppRoute<never>) => route.sitemap ?? []);

/** Addresses that are not pages but that pages may link to: the routes and the generated files. */
export const APP_PATHS: readonly string[] = [...APP_ROUTES.paths, ...GENERATED_PATHS];

/** Prefixes the app answers every address below: the routes' (/forum) and the fingerprinted assets'. No page or alias may be there. */
export const APP_PREFIXES: readonly string[] = [...APP_ROUTE_LIST.flatMap((route: AppRoute<never>) => route.prefixes ?? []), ASSET_PREFIX];
