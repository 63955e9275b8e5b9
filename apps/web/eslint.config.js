import nextjs from '@eventora/eslint-config/nextjs';

export default nextjs;
