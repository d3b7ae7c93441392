import { createElement } from 'lwc';
import MappingEditor from 'c/mappingEditor';
import getFlowCatalog from '@salesforce/apex/ConnectorServiceController.getFlowCatalog';
import getSavedMapping from '@salesforce/apex/FieldMappingController.getSavedMapping';

const CATALOG = require('./data/flowCatalog.json');

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
jest.mock('@salesforce/customPermission/ML_Connector_Manage_Sync', () => ({ default: undefined }), { virtual: true });

// Lets pending promise chains (wire emits, mocked Apex calls, re-renders) settle before asserting.
async function flushPromises() {
    for (let i = 0; i < 10; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

describe('c-mapping-editor without the admin permission', () => {
    it('shows the mapping read-only with a status message and no way to save', async () => {
        const element = createElement('c-mapping-editor', { is: MappingEditor });
        document.body.appendChild(element);
        getFlowCatalog.emit(CATALOG);
        await flushPromises();
        element.shadowRoot
            .querySelector('lightning-combobox.flow-picker')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'bc-items-to-sf-products' } }));
        await flushPromises();
        getSavedMapping.emit([]);
        await flushPromises();

        const notice = element.shadowRoot.querySelector('.read-only');
        expect(notice.getAttribute('role')).toBe('status');
        expect(notice.textContent).toBe('c.MLC_Mapping_Read_Only');
        expect(element.shadowRoot.querySelector('lightning-combobox.source-picker').disabled).toBe(true);
        expect(element.shadowRoot.querySelector('lightning-input.transform-input').disabled).toBe(true);
        expect(element.shadowRoot.querySelector('lightning-button.save').disabled).toBe(true);
        expect(element.shadowRoot.querySelector('lightning-button.restore').disabled).toBe(true);
        // Validation stays available: a read-only user can still check a mapping.
        expect(element.shadowRoot.querySelector('lightning-button.validate').disabled).toBeFalsy();
        await expect(element).toBeAccessible();
    });
});
