import { reduceErrors } from 'c/errorReducer';

describe('c/errorReducer', () => {
    it('reads UI API read errors (body is an array)', () => {
        expect(reduceErrors({ body: [{ message: 'Field A is not accessible' }, { message: 'Field B too' }] })).toEqual([
            'Field A is not accessible',
            'Field B too'
        ]);
    });

    it('reads UI API write errors from output.errors and output.fieldErrors', () => {
        const error = {
            body: {
                message: 'An error occurred while trying to update the record.',
                output: {
                    errors: [{ message: 'Record is locked' }],
                    fieldErrors: { Name: [{ message: 'Name is required' }] }
                }
            }
        };
        expect(reduceErrors(error)).toEqual(['Record is locked', 'Name is required']);
    });

    it('reads Apex DML page and field errors', () => {
        const error = {
            body: {
                message: 'Insert failed',
                pageErrors: [{ message: 'Duplicate value on Mapping_Key__c' }],
                fieldErrors: { Flow_Id__c: [{ message: 'Too long' }] }
            }
        };
        expect(reduceErrors(error)).toEqual(['Duplicate value on Mapping_Key__c', 'Too long']);
    });

    it('reads an AuraHandledException message', () => {
        expect(reduceErrors({ body: { message: 'The ERP connector is temporarily unavailable.' }, status: 500 })).toEqual([
            'The ERP connector is temporarily unavailable.'
        ]);
    });

    it('reads JavaScript errors, plain strings and falls back to the status text', () => {
        expect(reduceErrors([new TypeError('x is undefined'), 'Plain text', { statusText: 'Service Unavailable' }])).toEqual(
            ['x is undefined', 'Plain text', 'Service Unavailable']
        );
    });

    it('drops null entries, empty messages and duplicates', () => {
        expect(reduceErrors([null, undefined, { body: { message: '  ' } }, new Error('Same'), new Error('Same')])).toEqual([
            'Same'
        ]);
        expect(reduceErrors(undefined)).toEqual([]);
    });
});
