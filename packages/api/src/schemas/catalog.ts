import { z } from 'zod';

import { ZCurrency, zId, ZPriceCents } from './common';

const ZName = z.string().trim().min(1).max(200);
const ZDescription = z.string().trim().max(2000);
const ZSessionsIncluded = z.number().int().min(1).max(1000);
const ZValidityDays = z.number().int().min(1).max(3650);

export const ZCatalogListInput = z
  .object({ includeArchived: z.boolean().default(false) })
  .prefault({});
export const ZCatalogByIdInput = z.object({ id: zId });
export const ZCatalogCreateInput = z.object({
  name: ZName,
  description: ZDescription.nullish(),
  sessionsIncluded: ZSessionsIncluded,
  priceCents: ZPriceCents,
  currency: ZCurrency,
  validityDays: ZValidityDays,
});
export const ZCatalogUpdateInput = z.object({
  id: zId,
  name: ZName.optional(),
  description: ZDescription.nullish(),
  sessionsIncluded: ZSessionsIncluded.optional(),
  priceCents: ZPriceCents.optional(),
  currency: ZCurrency.optional(),
  validityDays: ZValidityDays.optional(),
});
export const ZCatalogArchiveInput = z.object({ id: zId });
