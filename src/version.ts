/** Kept in step with package.json (checked by a unit test). */
export const WSR_VERSION = '0.1.0';
