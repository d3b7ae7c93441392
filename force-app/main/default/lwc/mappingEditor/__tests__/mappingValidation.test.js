import { validateMapping, typeFit, TRANSFORM_PATTERN } from '../mappingValidation';

const CATALOG = require('./data/flowCatalog.json');
const FLOW = CATALOG.flows[0];

// Readable label texts, so the assertions show that values land in the right placeholders.
jest.mock('@salesforce/label/c.MLC_Mapping_Error_Required', () => ({ default: '{0} is required' }), { virtual: true });
jest.mock('@salesforce/label/c.MLC_Mapping_Error_Type', () => ({ default: '{0} ({1}) <- {2} ({3})' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.MLC_Mapping_Warning_Length', () => ({ default: '{0}:{1} > {2}:{3}' }), { virtual: true });
jest.mock('@salesforce/label/c.MLC_Mapping_Error_Unknown_Source', () => ({ default: 'unknown source {0} for {1}' }), {
    virtual: true
});

const valid = () => FLOW.mapping.map((entry) => ({ ...entry }));

describe('mappingValidation', () => {
    it('accepts the default mapping of the catalog', () => {
        expect(validateMapping(FLOW, valid())).toEqual({ errors: [], warnings: [] });
    });

    it('decides type fit: anything to text, date widens, date-time narrows with loss, the rest needs a transform', () => {
        expect(typeFit('number', 'string')).toBe('ok');
        expect(typeFit('boolean', 'boolean')).toBe('ok');
        expect(typeFit('date', 'datetime')).toBe('ok');
        expect(typeFit('datetime', 'date')).toBe('lossy');
        expect(typeFit('string', 'number')).toBe('invalid');
        expect(typeFit('number', 'boolean')).toBe('invalid');
        expect(typeFit('string', 'date')).toBe('invalid');
    });

    it('requires every required target field', () => {
        const entries = valid().filter((entry) => entry.target !== 'Name');
        const { errors } = validateMapping(FLOW, entries);
        expect(errors).toEqual([{ target: 'Name', message: 'Name is required' }]);
    });

    it('refuses an empty mapping', () => {
        const { errors } = validateMapping(FLOW, []);
        expect(errors.map((error) => error.message)).toContain('c.MLC_Mapping_Error_Empty');
    });

    it('refuses a type mismatch without a transform and only warns with one', () => {
        const mismatch = [...valid(), { target: 'ERP_On_Hold__c', source: 'CUSTNAME', transform: '' }];
        expect(validateMapping(FLOW, mismatch).errors).toEqual([
            { target: 'ERP_On_Hold__c', message: 'ERP_On_Hold__c (boolean) <- CUSTNAME (string)' }
        ]);

        const converted = [...valid(), { target: 'ERP_On_Hold__c', source: 'CUSTNAME', transform: 'parseBoolean' }];
        const result = validateMapping(FLOW, converted);
        expect(result.errors).toEqual([]);
        expect(result.warnings).toEqual([{ target: 'ERP_On_Hold__c', message: 'c.MLC_Mapping_Warning_Type_Transform' }]);
    });

    it('warns when a longer source may be cut, and when a date-time loses its time', () => {
        const flow = {
            source: { fields: [{ name: 'LONG', dataType: 'string', length: 100 }, { name: 'TS', dataType: 'datetime' }] },
            target: { fields: [{ name: 'Short__c', dataType: 'string', length: 10 }, { name: 'Day__c', dataType: 'date' }] }
        };
        const { errors, warnings } = validateMapping(flow, [
            { target: 'Short__c', source: 'LONG' },
            { target: 'Day__c', source: 'TS' }
        ]);
        expect(errors).toEqual([]);
        expect(warnings).toEqual([
            { target: 'Short__c', message: 'LONG:100 > Short__c:10' },
            { target: 'Day__c', message: 'c.MLC_Mapping_Warning_Date_Precision' }
        ]);
    });

    it('refuses unknown fields, duplicate targets and bad transform names', () => {
        const entries = [
            ...valid(),
            { target: 'name', source: 'CUSTNAME' },
            { target: 'Legacy__c', source: 'CUSTNAME' },
            { target: 'ERP_On_Hold__c', source: 'NOPE' },
            { target: 'GP_Customer_Number__c', source: 'CUSTNMBR', transform: 'drop table' }
        ];
        const messages = validateMapping(FLOW, entries).errors.map((error) => `${error.target}: ${error.message}`);
        expect(messages).toEqual([
            'name: c.MLC_Mapping_Error_Duplicate_Target',
            'Legacy__c: c.MLC_Mapping_Error_Unknown_Target',
            'ERP_On_Hold__c: unknown source NOPE for ERP_On_Hold__c',
            'GP_Customer_Number__c: c.MLC_Mapping_Error_Duplicate_Target',
            'GP_Customer_Number__c: c.MLC_Mapping_Error_Transform'
        ]);
    });

    it('matches field names case-insensitively, like Salesforce', () => {
        const entries = valid().map((entry) => ({ ...entry, target: entry.target.toUpperCase(), source: entry.source.toLowerCase() }));
        expect(validateMapping(FLOW, entries).errors).toEqual([]);
    });

    it('uses the same transform rule as FieldMappingController', () => {
        expect(TRANSFORM_PATTERN.test('trim')).toBe(true);
        expect(TRANSFORM_PATTERN.test('date:iso')).toBe(true);
        expect(TRANSFORM_PATTERN.test('1trim')).toBe(false);
        expect(TRANSFORM_PATTERN.test('x'.repeat(41))).toBe(false);
    });
});
