/*
 * libs/contracts' public-address helper (server-side SSRF checks) imports node:net and builds its
 * block list when loaded; the browser never calls it, but bundling the contracts' index loads it.
 * This inert stand-in lets it load; nothing in the dashboard asks it anything.
 */
export class BlockList {
  addSubnet(): void {}
  addAddress(): void {}
  addRange(): void {}
  check(): boolean {
    return false;
  }
}
export const isIP = (): number => 0;
