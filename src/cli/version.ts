/** The release's version: scripts/release.mjs sets it with package.json's, and a test keeps the two equal. */
export const VERSION = '0.2.0';
