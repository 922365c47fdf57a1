/*
 * libs/contracts' public-address helper (server-side SSRF checks) imports node:net; the browser
 * never calls it, but bundling the contracts' index reaches the import. This empty stand-in keeps
 * the bundle free of Vite's throwing placeholder and its warning.
 */
export class BlockList {}
export const isIP = (): number => 0;
