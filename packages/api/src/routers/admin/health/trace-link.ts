/**
 * The address of one clinic's traces in the operator's tracing UI: TRACE_UI_URL with
 * `{clinicId}` and `{clinicSlug}` replaced (URL-encoded), e.g. Jaeger's search by the spans'
 * `clinic.id` attribute. Null when no tracing UI is configured: the console shows no link.
 */
export function clinicTracesUrl(
  template: string | undefined,
  clinic: { id: string; slug: string },
): string | null {
  if (!template) return null;
  return template
    .replaceAll('{clinicId}', encodeURIComponent(clinic.id))
    .replaceAll('{clinicSlug}', encodeURIComponent(clinic.slug));
}
