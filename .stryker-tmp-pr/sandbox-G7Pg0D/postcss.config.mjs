// @ts-nocheck
export default { plugins: { "@tailwindcss/postcss": {} } };
