// Tailwind CSS v4 (its native engine ships in npm packages: nothing is downloaded).
export default {
  plugins: { '@tailwindcss/postcss': {} },
};
