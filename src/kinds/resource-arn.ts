/**
 * The ARN the Resource Groups Tagging API knows a WorkSpaces resource by:
 * `arn:<partition>:workspaces:<region>:<account>:<resourceType>/<id>` (the partition follows the Region).
 */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function resourceArn(resourceType: string, id: string, account: string, region: string): string {
  return `arn:${partitionOf(region)}:workspaces:${region}:${account}:${resourceType}/${id}`;
}
