import { nextConfig } from '@eventora/next-config';

export default nextConfig(import.meta.url);
