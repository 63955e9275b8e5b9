// The one place @eventora/billing reads the process environment: a second, independent check
// that the simulated provider never runs in production, whatever its caller passed in.

export function isProductionProcess(): boolean {
  return process.env.NODE_ENV === 'production';
}
