import { createElement } from 'lwc';
import InvoiceStatus from 'c/invoiceStatus';
import { getRecord } from 'lightning/uiRecordApi';
import getDocuments from '@salesforce/apex/ErpDocumentController.getDocuments';
import requestSync from '@salesforce/apex/ConnectorServiceController.requestSync';

const ACCOUNT = require('./data/accountRecord.json');
const DOCUMENTS = require('./data/documents.json');

jest.mock(
    '@salesforce/apex/ErpDocumentController.getDocuments',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/ConnectorServiceController.requestSync', () => ({ default: jest.fn() }), { virtual: true });
// An admin: holds the Manage ML Connector Sync custom permission.
jest.mock('@salesforce/customPermission/ML_Connector_Manage_Sync', () => ({ default: true }), { virtual: true });

// Lets pending promise chains (wire emits, mocked Apex calls, re-renders) settle before asserting.
async function flushPromises() {
    for (let i = 0; i < 10; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function renderLoaded() {
    const element = createElement('c-invoice-status', { is: InvoiceStatus });
    element.recordId = ACCOUNT.id;
    element.objectApiName = 'Account';
    document.body.appendChild(element);
    getRecord.emit(ACCOUNT);
    getDocuments.emit(DOCUMENTS);
    await flushPromises();
    return element;
}

describe('c-invoice-status for admins', () => {
    it('requests a sync and confirms with the service message', async () => {
        requestSync.mockResolvedValue({ jobIds: ['job-1'], message: 'Sync queued for 1 flow' });
        const element = await renderLoaded();
        const toasts = [];
        element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));

        const button = element.shadowRoot.querySelector('lightning-button.sync-now');
        expect(button.label).toBe('c.MLC_Sync_Now');
        button.click();
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('lightning-button.sync-now').disabled).toBe(true);
        await flushPromises();

        expect(requestSync).toHaveBeenCalledWith({ recordId: ACCOUNT.id });
        expect(toasts).toEqual([{ title: 'c.MLC_Sync_Requested', message: 'Sync queued for 1 flow', variant: 'success' }]);
        expect(element.shadowRoot.querySelector('lightning-button.sync-now').disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('reports a refused sync with the Apex message in a sticky error toast', async () => {
        requestSync.mockRejectedValue({ body: { message: 'The ERP connector is temporarily unavailable.' } });
        const element = await renderLoaded();
        const toasts = [];
        element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));

        element.shadowRoot.querySelector('lightning-button.sync-now').click();
        await flushPromises();

        expect(toasts).toEqual([
            {
                title: 'c.MLC_Sync_Failed',
                message: 'The ERP connector is temporarily unavailable.',
                variant: 'error',
                mode: 'sticky'
            }
        ]);
        expect(element.shadowRoot.querySelector('lightning-button.sync-now').disabled).toBe(false);
    });
});
