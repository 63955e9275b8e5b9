/** The registry's view as address-bar parameters; read on the server and in the browser. */
export const MODES = ['shared', 'schema', 'database'] as const;
export const STATUSES = ['active', 'frozen', 'moving', 'suspended'] as const;
export const SORTS = ['slug', 'name', 'createdAt', 'status', 'mode'] as const;
export const PAGE_SIZE = 25;

export type Mode = (typeof MODES)[number];
export type Status = (typeof STATUSES)[number];
export type Sort = (typeof SORTS)[number];

export interface RegistryQuery {
  search: string;
  mode: Mode | '';
  status: Status | '';
  sort: Sort;
  direction: 'asc' | 'desc';
  page: number;
}

const one = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) ?? '';
export const pick = <T extends string>(options: readonly T[], value: string): T | '' =>
  (options as readonly string[]).includes(value) ? (value as T) : '';

/** The registry's view from the address bar (shareable: `?q=alp&status=suspended`). */
export function parseRegistryQuery(
  params: Record<string, string | string[] | undefined>,
): RegistryQuery {
  const page = Number.parseInt(one(params.page), 10);
  return {
    search: one(params.q).slice(0, 100),
    mode: pick(MODES, one(params.mode)),
    status: pick(STATUSES, one(params.status)),
    sort: pick(SORTS, one(params.sort)) || 'slug',
    direction: one(params.dir) === 'desc' ? 'desc' : 'asc',
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

export function toSearch(query: RegistryQuery): string {
  const params = new URLSearchParams();
  if (query.search) params.set('q', query.search);
  if (query.mode) params.set('mode', query.mode);
  if (query.status) params.set('status', query.status);
  if (query.sort !== 'slug') params.set('sort', query.sort);
  if (query.direction !== 'asc') params.set('dir', query.direction);
  if (query.page > 1) params.set('page', String(query.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
