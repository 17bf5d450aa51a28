import { describe, expect, it } from 'vitest';
import type { ReadTable } from '../../src/imports/import-types.ts';
import { proposeMapping } from '../../src/imports/propose-mapping.ts';

describe('importing a tracker: the family and friends route', () => {
  it('recognises the words teams use for connected persons, and leaves unsure ones for the person', () => {
    const cells = [
      'Family and friends',
      'Connected person',
      'Kinship',
      'F&F',
      'family & friends',
      'Mainstream',
      'Relative?',
    ];
    const tracker: ReadTable = {
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      headers: ['Name', 'Route'],
      rows: cells.map((route, i) => ({ rowNumber: i + 2, cells: [`Person ${i}`, route] })),
    };
    const { mapping, unmappedValues } = proposeMapping(tracker);
    expect(mapping.values.route).toEqual({
      'family and friends': 'family_and_friends',
      'connected person': 'family_and_friends',
      kinship: 'family_and_friends',
      'f&f': 'family_and_friends',
      'family & friends': 'family_and_friends',
      mainstream: 'mainstream',
    });
    expect(unmappedValues.route).toEqual(['relative?']);
  });
});
