/**
 * Each kind's properties type, by kind name: what `resource.properties` holds for a desired or a
 * live resource of that kind. Kinds get their own as `KindDefinition<P>`; reading another kind's
 * resource (a bundle's image from a workspace rule) goes through `isKind`, never a cast.
 */
import type { KindName } from './keys.js';

/**
 * Each kind adds its row from its own folder (in its `index.ts`, by module augmentation:
 * `declare module '../../model/kind-properties.js' { interface PropertiesByKind { pool: PoolProperties } }`),
 * so a new kind touches nothing here; EVERY_KIND_HAS_PROPERTIES fails to compile until it does.
 */
// biome-ignore lint/suspicious/noEmptyInterface: an interface, so that each kind can add its row by module augmentation
export interface PropertiesByKind {}

/** Fails to compile when a kind of KIND_NAMES has no row (or a row names no kind). */
type EveryKindHasProperties = [KindName] extends [keyof PropertiesByKind] ? ([keyof PropertiesByKind] extends [KindName] ? true : never) : never;
export const EVERY_KIND_HAS_PROPERTIES: EveryKindHasProperties = true;

/** A desired or live resource (or change side) whose properties are those of `K`. */
export type OfKind<R, K extends KindName> = R & { readonly kind: K; readonly properties: PropertiesByKind[K] };

/** Whether `resource` is of `kind`, narrowing its properties to that kind's type. */
export function isKind<R extends { readonly kind: KindName; readonly properties: unknown }, K extends KindName>(
  resource: R | undefined,
  kind: K,
): resource is OfKind<R, K> {
  return resource?.kind === kind;
}
