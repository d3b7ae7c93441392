/**
 * DRF PageNumberPagination under Procurify's envelope (FACTS §6 [V], §6.1 #4):
 * `{"metadata":{"pagination":{count,next,previous,page_size,num_pages,current_page}},"data":[...]}`.
 * - `page` (1-based, or `last`); a page that is not a positive integer or lies past the end → 404
 *   `{"detail":"Invalid page."}`. An empty result is one empty page (num_pages 1).
 * - `page_size` defaults to 10 (the OAS examples [V]); a value that is not a positive integer falls back to
 *   the default and a larger one is cut to the maximum, silently, as DRF does. The maximum is not published [U]:
 *   the `maxPageSize` setting.
 * - `next`/`previous` are the request's absolute URL with `page` replaced (or removed for page 1), the query
 *   re-encoded with its keys sorted (rest_framework.utils.urls.replace_query_param / remove_query_param).
 */
import { notFound } from './errors.ts';

export interface PageSettings {
  defaultPageSize: number;
  maxPageSize: number;
}

export interface PaginationMeta {
  count: number;
  next: string | null;
  previous: string | null;
  page_size: number;
  num_pages: number;
  current_page: number;
}

export interface Page<T> {
  items: T[];
  pagination: PaginationMeta;
}

function positiveInt(text: string | null): number | undefined {
  if (text === null || !/^\s*[+]?\d+\s*$/.test(text)) return undefined;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function pageSizeFor(query: URLSearchParams, settings: PageSettings): number {
  const asked = positiveInt(query.get('page_size'));
  return asked === undefined ? settings.defaultPageSize : Math.min(asked, settings.maxPageSize);
}

function withPage(requestUrl: URL, page: number): string {
  const url = new URL(requestUrl.href);
  const entries = [...url.searchParams.entries()].filter(([k]) => k !== 'page');
  if (page !== 1) entries.push(['page', String(page)]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(entries).toString();
  return `${url.origin}${url.pathname}${query ? `?${query}` : ''}`;
}

export function paginate<T>(rows: T[], requestUrl: URL, settings: PageSettings): Page<T> {
  const query = requestUrl.searchParams;
  const pageSize = pageSizeFor(query, settings);
  const numPages = Math.max(1, Math.ceil(rows.length / pageSize));
  const asked = query.get('page');
  const current = asked === null ? 1 : asked === 'last' ? numPages : positiveInt(asked);
  if (current === undefined || current > numPages) throw notFound('Invalid page.');
  const start = (current - 1) * pageSize;
  return {
    items: rows.slice(start, start + pageSize),
    pagination: {
      count: rows.length,
      next: current < numPages ? withPage(requestUrl, current + 1) : null,
      previous: current > 1 ? withPage(requestUrl, current - 1) : null,
      page_size: pageSize,
      num_pages: numPages,
      current_page: current,
    },
  };
}
