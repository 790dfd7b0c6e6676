/** Every operation of the API model, by name. */
import { accountHandlers } from './account.js';
import { aliasHandlers } from './aliases.js';
import { applicationHandlers } from './applications.js';
import { brandingHandlers } from './branding.js';
import { bundleHandlers } from './bundles.js';
import type { Handlers } from './context.js';
import { directoryHandlers } from './directories.js';
import { imageHandlers } from './images.js';
import { ipGroupHandlers } from './ip-groups.js';
import { poolHandlers } from './pools.js';
import { tagHandlers } from './tags.js';
import { workspaceHandlers } from './workspaces.js';

export const handlers: Handlers = {
  ...workspaceHandlers,
  ...directoryHandlers,
  ...ipGroupHandlers,
  ...tagHandlers,
  ...imageHandlers,
  ...bundleHandlers,
  ...aliasHandlers,
  ...poolHandlers,
  ...brandingHandlers,
  ...applicationHandlers,
  ...accountHandlers,
};
