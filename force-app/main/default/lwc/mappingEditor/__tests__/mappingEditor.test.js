import { createElement } from 'lwc';
import MappingEditor from 'c/mappingEditor';
import { refreshApex } from '@salesforce/apex';
import getFlowCatalog from '@salesforce/apex/ConnectorServiceController.getFlowCatalog';
import getSavedMapping from '@salesforce/apex/FieldMappingController.getSavedMapping';
import saveMapping from '@salesforce/apex/FieldMappingController.saveMapping';
import resetMapping from '@salesforce/apex/FieldMappingController.resetMapping';

const CATALOG = require('./data/flowCatalog.json');
const SAVED = require('./data/savedMapping.json');
const FLOW_ID = 'gp-customers-to-sf-accounts';

jest.mock(
    '@salesforce/apex/ConnectorServiceController.getFlowCatalog',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/FieldMappingController.getSavedMapping',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/FieldMappingController.saveMapping', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/FieldMappingController.resetMapping', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/customPermission/ML_Connector_Manage_Sync', () => ({ default: true }), { virtual: true });
jest.mock('@salesforce/label/c.MLC_Mapping_Saved', () => ({ default: '{0} fields saved for {1}.' }), { virtual: true });
jest.mock('@salesforce/label/c.MLC_Mapping_Direction', () => ({ default: 'From {0} {1} to {2} {3}' }), { virtual: true });

// Lets pending promise chains (wire emits, mocked Apex calls, re-renders) settle before asserting.
async function flushPromises() {
    for (let i = 0; i < 10; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}
const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

function render() {
    const element = createElement('c-mapping-editor', { is: MappingEditor });
    document.body.appendChild(element);
    const toasts = [];
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
    return { element, toasts };
}

async function chooseFlow(element, saved) {
    getFlowCatalog.emit(CATALOG);
    await flushPromises();
    const picker = $(element, 'lightning-combobox.flow-picker');
    picker.dispatchEvent(new CustomEvent('change', { detail: { value: FLOW_ID } }));
    await flushPromises();
    getSavedMapping.emit(saved);
    await flushPromises();
}

function rowOf(element, target) {
    return $$(element, 'tr.mapping-row').find((row) => row.dataset.target === target);
}

async function pickSource(element, target, value) {
    const combobox = rowOf(element, target).querySelector('lightning-combobox.source-picker');
    combobox.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flushPromises();
}

describe('c-mapping-editor', () => {
    it('shows a labelled spinner until the flow catalog arrives', () => {
        const { element } = render();
        expect($(element, '.loading lightning-spinner').alternativeText).toBe('c.MLC_Loading');
        expect($(element, '.read-only')).toBeNull();
    });

    it('explains a catalog that cannot be loaded', async () => {
        const { element } = render();
        getFlowCatalog.error({ message: 'Salesforce could not reach the ERP connector.' });
        await flushPromises();
        const panel = $(element, 'c-error-panel.catalog-error');
        expect(panel.friendlyMessage).toBe('c.MLC_Mapping_Catalog_Error');
        expect($(element, 'lightning-combobox.flow-picker')).toBeNull();
    });

    it('says when the service has no flows', async () => {
        const { element } = render();
        getFlowCatalog.emit({ flows: [] });
        await flushPromises();
        expect($(element, '.no-flows').textContent).toBe('c.MLC_Mapping_No_Flows');
    });

    it('offers the flows by name and loads the saved mapping of the chosen one', async () => {
        const { element } = render();
        getFlowCatalog.emit(CATALOG);
        await flushPromises();

        const picker = $(element, 'lightning-combobox.flow-picker');
        expect(picker.label).toBe('c.MLC_Flow');
        expect(picker.options).toEqual([
            { label: 'GP customers to Salesforce accounts', value: FLOW_ID },
            { label: 'BC items to Salesforce products', value: 'bc-items-to-sf-products' }
        ]);
        picker.dispatchEvent(new CustomEvent('change', { detail: { value: FLOW_ID } }));
        await flushPromises();

        expect(getSavedMapping.getLastConfig()).toEqual({ flowId: FLOW_ID });
        expect($(element, '.loading-mapping lightning-spinner')).not.toBeNull();
    });

    it('starts from the service default mapping when nothing is saved', async () => {
        const { element } = render();
        await chooseFlow(element, []);

        expect($(element, '.direction').textContent).toBe('From dynamics-gp RM00101 to salesforce Account');
        expect($(element, '.origin').textContent).toBe('c.MLC_Mapping_Origin_Default');
        const rows = $$(element, 'tr.mapping-row');
        expect(rows.map((row) => row.dataset.target)).toEqual([
            'GP_Customer_Number__c',
            'Name',
            'ERP_Credit_Limit__c',
            'ERP_On_Hold__c'
        ]);
        const nameRow = rowOf(element, 'Name');
        expect(nameRow.querySelector('abbr.slds-required').title).toBe('c.MLC_Required');
        const source = nameRow.querySelector('lightning-combobox.source-picker');
        expect(source.value).toBe('CUSTNAME');
        expect(source.label).toBe('c.MLC_Mapping_Source_Field: Name');
        expect(source.variant).toBe('label-hidden');
        expect(source.options[0]).toEqual({ label: 'c.MLC_Mapping_Not_Mapped', value: '' });
        expect(source.options[1]).toEqual({ label: 'CUSTNMBR (string)', value: 'CUSTNMBR' });
        expect(nameRow.querySelector('lightning-input.transform-input').value).toBe('trim');
        expect(rowOf(element, 'ERP_On_Hold__c').querySelector('lightning-combobox.source-picker').value).toBe('');
        expect($(element, 'lightning-button.restore').disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('shows the saved mapping and flags a saved target the catalog no longer has', async () => {
        const { element } = render();
        await chooseFlow(element, SAVED);

        expect($(element, '.origin').textContent).toBe('c.MLC_Mapping_Origin_Saved');
        expect(rowOf(element, 'GP_Customer_Number__c').querySelector('lightning-input').value).toBe('upper');
        const legacy = rowOf(element, 'Legacy_Region__c');
        expect(legacy.querySelector('.unknown-badge').textContent).toBe('c.MLC_Mapping_Unknown_Field');
        expect(legacy.querySelector('lightning-button-icon.remove').alternativeText).toBe('c.MLC_Mapping_Remove: Legacy_Region__c');
        expect($(element, 'lightning-button.restore').disabled).toBe(false);

        legacy.querySelector('lightning-button-icon.remove').click();
        await flushPromises();
        expect(rowOf(element, 'Legacy_Region__c')).toBeUndefined();
    });

    it('lists the problems, marks the rows and does not save an invalid mapping', async () => {
        const { element } = render();
        await chooseFlow(element, []);
        await pickSource(element, 'Name', '');
        await pickSource(element, 'ERP_On_Hold__c', 'CUSTNAME');

        $(element, 'lightning-button.save').click();
        await flushPromises();

        expect(saveMapping).not.toHaveBeenCalled();
        const summary = $(element, '.validation-errors');
        expect(summary.getAttribute('role')).toBe('alert');
        expect(summary.getAttribute('tabindex')).toBe('-1');
        expect(element.shadowRoot.activeElement).toBe(summary);
        expect([...summary.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
            'c.MLC_Mapping_Error_Type',
            'c.MLC_Mapping_Error_Required'
        ]);
        expect(rowOf(element, 'Name').className).toContain('slds-has-error');
        expect(rowOf(element, 'Name').querySelector('.row-issue').textContent).toBe('c.MLC_Mapping_Error_Required');
        expect(rowOf(element, 'ERP_Credit_Limit__c').className).not.toContain('slds-has-error');

        // Any edit clears the stale result.
        await pickSource(element, 'Name', 'CUSTNAME');
        expect($(element, '.validation-errors')).toBeNull();
    });

    it('validates on demand and shows warnings without blocking', async () => {
        const { element } = render();
        await chooseFlow(element, []);
        const transform = rowOf(element, 'ERP_On_Hold__c').querySelector('lightning-input.transform-input');
        await pickSource(element, 'ERP_On_Hold__c', 'CUSTNAME');
        transform.dispatchEvent(new CustomEvent('change', { detail: { value: 'parseBoolean' } }));
        await flushPromises();

        $(element, 'lightning-button.validate').click();
        await flushPromises();

        expect($(element, '.validation-errors')).toBeNull();
        expect($(element, '.validation-warnings').getAttribute('role')).toBe('status');
        expect($(element, '.validation-ok').textContent).toBe('c.MLC_Mapping_Valid');
    });

    it('saves a valid mapping, confirms it and reloads the saved rows', async () => {
        saveMapping.mockResolvedValue(3);
        const { element, toasts } = render();
        await chooseFlow(element, []);

        $(element, 'lightning-button.save').click();
        await flushPromises();

        expect(saveMapping).toHaveBeenCalledWith({
            flowId: FLOW_ID,
            entries: [
                { target: 'GP_Customer_Number__c', source: 'CUSTNMBR', transform: 'trim' },
                { target: 'Name', source: 'CUSTNAME', transform: 'trim' },
                { target: 'ERP_Credit_Limit__c', source: 'CRLMTAMT', transform: null }
            ]
        });
        expect(toasts).toEqual([{ title: '3 fields saved for GP customers to Salesforce accounts.', message: '', variant: 'success' }]);
        expect(refreshApex).toHaveBeenCalledTimes(1);
        expect($(element, 'lightning-button.save').disabled).toBe(false);
    });

    it('reports a save the server refused', async () => {
        saveMapping.mockRejectedValue({ body: { message: 'Target field Name is mapped more than once.' } });
        const { element, toasts } = render();
        await chooseFlow(element, []);

        $(element, 'lightning-button.save').click();
        await flushPromises();

        expect(toasts).toEqual([
            { title: 'c.MLC_Mapping_Save_Error', message: 'Target field Name is mapped more than once.', variant: 'error' }
        ]);
        expect(refreshApex).not.toHaveBeenCalled();
    });

    it('restores the default mapping by deleting the saved rows', async () => {
        resetMapping.mockResolvedValue(3);
        const { element, toasts } = render();
        await chooseFlow(element, SAVED);

        $(element, 'lightning-button.restore').click();
        await flushPromises();

        expect(resetMapping).toHaveBeenCalledWith({ flowId: FLOW_ID });
        expect(toasts[0].variant).toBe('success');
        expect(toasts[0].title).toBe('c.MLC_Mapping_Restored');
        expect(refreshApex).toHaveBeenCalledTimes(1);
    });

    it('reports a failed restore', async () => {
        resetMapping.mockRejectedValue(new Error('Network down'));
        const { element, toasts } = render();
        await chooseFlow(element, SAVED);

        $(element, 'lightning-button.restore').click();
        await flushPromises();

        expect(toasts).toEqual([{ title: 'c.MLC_Mapping_Save_Error', message: 'Network down', variant: 'error' }]);
    });

    it('explains a saved mapping that cannot be read', async () => {
        const { element } = render();
        getFlowCatalog.emit(CATALOG);
        await flushPromises();
        $(element, 'lightning-combobox.flow-picker').dispatchEvent(new CustomEvent('change', { detail: { value: FLOW_ID } }));
        await flushPromises();
        getSavedMapping.error({ message: 'No access to Field_Mapping__c' });
        await flushPromises();

        expect($(element, 'c-error-panel.saved-error').friendlyMessage).toBe('c.MLC_Mapping_Load_Error');
        expect($(element, 'table.mapping-table')).toBeNull();
        expect($(element, '.loading-mapping')).toBeNull();
    });
});
