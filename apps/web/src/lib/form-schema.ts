import 'server-only';

import { z } from 'zod';

/** A procedure's input schema as JSON Schema, for a client form (see `useSchemaForm`). */
export type FormSchema = Record<string, unknown>;

/**
 * The API's input schemas live beside their procedures, with server code, so client bundles
 * cannot import them. Server components hand them to client forms as JSON Schema instead:
 * the same fields, types, lengths and ranges, checked again by the procedure itself (which
 * also owns the rules JSON Schema cannot carry, reported back as `data.fields`).
 */
export function formSchema(schema: z.ZodType): FormSchema {
  // A plain copy: server components may only hand plain objects to client components.
  return JSON.parse(
    JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })),
  ) as FormSchema;
}
