/*
 * Class lists several console views share, so a dense table view looks the same everywhere:
 * the filters above a table, the pager under it, the link that opens a row.
 */

/** Filters above a table: labelled controls in a wrapping row, small muted labels. */
export const TOOLBAR =
  'mb-3 flex flex-wrap items-end gap-2 [&_label]:flex [&_label]:flex-col [&_label]:gap-1 [&_label]:text-xs [&_label]:font-semibold [&_label]:text-muted-foreground [&_label>*]:font-normal [&_label>*]:text-foreground';

/** The count and paging buttons under a table. */
export const PAGINATION =
  'mt-2.5 flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground';

/** A row's link to its record (a clinic's slug, a grant). */
export const ROW_LINK = 'font-mono font-semibold text-primary hover:underline';
