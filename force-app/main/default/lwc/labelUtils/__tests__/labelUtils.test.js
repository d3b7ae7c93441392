import { formatLabel } from 'c/labelUtils';

describe('c/labelUtils formatLabel', () => {
    it('fills placeholders in the order the translation wants', () => {
        expect(formatLabel('{1} before {0}', 'a', 'b')).toBe('b before a');
        expect(formatLabel('Attempts: {0}', 0)).toBe('Attempts: 0');
    });

    it('leaves placeholders without a value untouched', () => {
        expect(formatLabel('From {0} to {1}', 'GP')).toBe('From GP to {1}');
        expect(formatLabel('Value {0}', null)).toBe('Value {0}');
    });
});
