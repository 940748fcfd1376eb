export class BrowserNotFoundError extends Error {}
export function findChromium(env?: NodeJS.ProcessEnv): string;
export function findFirefox(env?: NodeJS.ProcessEnv): string | null;
export const CHROMIUM_FLAGS: string[];
