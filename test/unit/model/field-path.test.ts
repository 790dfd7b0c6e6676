import { describe, expect, it } from 'vitest';
import { fieldOf, itemOf, itemPath, memberOf, memberPath, tagKeyOf, tagPath } from '../../../src/model/field-path.js';

describe('field paths', () => {
  it('keep the string form plans have always shown', () => {
    expect(memberPath('workspaceProperties', 'ComputeTypeName')).toBe('workspaceProperties.ComputeTypeName');
    expect(itemPath('rules', '198.51.100.0/24')).toBe('rules[198.51.100.0/24]');
    expect(tagPath('cost.centre')).toBe('tags.cost.centre');
  });

  it('read back what they built, whatever the member or item holds (dots, slashes)', () => {
    expect(memberOf(memberPath('workspaceProperties', 'RunningMode'), 'workspaceProperties')).toBe('RunningMode');
    expect(itemOf(itemPath('rules', '198.51.100.0/24'), 'rules')).toBe('198.51.100.0/24');
    expect(tagKeyOf(tagPath('cost.centre'))).toBe('cost.centre');
    expect(fieldOf(itemPath('rules', '198.51.100.0/24'))).toBe('rules');
    expect(fieldOf(memberPath('samlProperties', 'Status'))).toBe('samlProperties');
    expect(fieldOf('bundle')).toBe('bundle');
  });

  it('answer undefined for a path of another field', () => {
    expect(memberOf('workspacePropertiesX.RunningMode', 'workspaceProperties')).toBeUndefined();
    expect(tagKeyOf('bundle')).toBeUndefined();
    expect(itemOf('sharedWith[111122223333]', 'associate')).toBeUndefined();
    expect(itemOf('rules.x', 'rules')).toBeUndefined();
  });
});
