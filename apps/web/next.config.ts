import { nextConfig } from '@eventora/next-config';
import createNextIntlPlugin from 'next-intl/plugin';

// Translations: each request's language and catalog come from src/i18n/request.ts.
export default createNextIntlPlugin('./src/i18n/request.ts')(nextConfig(import.meta.url));
