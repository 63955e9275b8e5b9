import { Prisma } from '@eventora/db';

/**
 * Tenant models are derived from the schema, never listed by hand: every model with a
 * `clinicId` field is tenant data. A model added to schema.prisma is scoped the moment the
 * client is regenerated.
 */
type ScalarFields<M extends Prisma.ModelName> =
  keyof Prisma.TypeMap['model'][M]['payload']['scalars'];

export type TenantModelName = {
  [M in Prisma.ModelName]: 'clinicId' extends ScalarFields<M> ? M : never;
}[Prisma.ModelName];

function scalarFieldsOf(model: Prisma.ModelName): ReadonlySet<string> {
  const fieldEnum = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[
    `${model}ScalarFieldEnum`
  ];
  if (!fieldEnum) throw new Error(`The generated client has no field list for model ${model}.`);
  return new Set(Object.values(fieldEnum));
}

/** Every model's scalar field names, read from the generated client. */
export const SCALAR_FIELDS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.values(Prisma.ModelName).map((model) => [model, scalarFieldsOf(model)]),
);

export const TENANT_MODELS: ReadonlySet<string> = new Set(
  [...SCALAR_FIELDS].filter(([, fields]) => fields.has('clinicId')).map(([model]) => model),
);

export function isTenantModel(model: string | undefined): model is TenantModelName {
  return model !== undefined && TENANT_MODELS.has(model);
}
