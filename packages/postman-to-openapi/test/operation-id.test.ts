import { describe, expect, it } from 'vitest';
import { camelCase, OperationIdRegistry } from '../src/operation-id.js';

describe('camelCase', () => {
  const cases: Array<[string, { given: string; want: string }]> = [
    ['words', { given: 'Get All Contacts', want: 'getAllContacts' }],
    ['parentheses and acronym', { given: 'Get Contact (by ID)', want: 'getContactById' }],
    ['PascalCase word', { given: 'GetPeopleSentPerCampaign', want: 'getPeopleSentPerCampaign' }],
    ['acronym followed by word', { given: 'HTMLParser test', want: 'htmlParserTest' }],
    ['digits', { given: 'Step 2 of 3', want: 'step2Of3' }],
    ['accents stripped', { given: 'Créer un élément', want: 'creerUnElement' }],
    ['punctuation only', { given: '--- ?', want: '' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(camelCase(given)).toBe(want);
  });
});

describe('OperationIdRegistry', () => {
  it('deduplicates with numeric suffixes in call order', () => {
    const registry = new OperationIdRegistry();
    expect(
      ['Mark as replied', 'Mark As Replied', 'mark-as-replied'].map((name) => registry.take(name, 'x')),
    ).toEqual(['markAsReplied', 'markAsReplied2', 'markAsReplied3']);
  });

  it('falls back to method and path when the name has no letters', () => {
    expect(new OperationIdRegistry().take('', 'get /users/{id}')).toBe('getUsersId');
  });
});
