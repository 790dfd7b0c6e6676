/**
 * IP rules go to the API in CIDR notation ("The IP address range, in CIDR notation", API reference
 * IpRuleItem.ipRule); the spec also takes a single address, which is the /32 range. Normalising
 * here keeps desired and live (which carries what was sent) equal, so a re-plan finds no change.
 */
export function toCidrNotation(cidr: string): string {
  return cidr.includes('/') ? cidr : `${cidr}/32`;
}
