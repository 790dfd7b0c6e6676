/** Resource ids in the formats AWS uses (prefix + lowercase alphanumerics, UUIDs for add-ins). */
import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % 36];
  return out;
}

/** A fresh id `prefix + n chars` that `taken` does not know yet. */
export function newId(prefix: string, length: number, taken: (id: string) => boolean): string {
  for (;;) {
    const id = prefix + randomAlnum(length);
    if (!taken(id)) return id;
  }
}

export const ID_FORMAT = {
  workspace: ['ws-', 10],
  ipGroup: ['wsipg-', 10],
  image: ['wsi-', 10],
  bundle: ['wsb-', 10],
  alias: ['wsca-', 10],
  pool: ['wspool-', 9],
  application: ['wsa-', 10],
  link: ['link-', 12],
  session: ['', 0],
} as const;

export const newUuid = (): string => randomUUID();
