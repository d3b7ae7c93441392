import { createElement } from 'lwc';
import InvoiceStatus from 'c/invoiceStatus';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { refreshApex } from '@salesforce/apex';
import getDocuments from '@salesforce/apex/ErpDocumentController.getDocuments';

const ACCOUNT = require('./data/accountRecord.json');
const EMPTY_ACCOUNT = require('./data/emptyAccountRecord.json');
const ORDER = require('./data/orderRecord.json');
const DOCUMENTS = require('./data/documents.json');
const NO_DOCUMENTS = require('./data/noDocuments.json');
const SINGLE_CURRENCY = require('./data/singleCurrencyDocuments.json');

jest.mock(
    '@salesforce/apex/ErpDocumentController.getDocuments',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/ConnectorServiceController.requestSync', () => ({ default: jest.fn() }), { virtual: true });
// A rep: no Manage ML Connector Sync permission (the admin view is in invoiceStatusAdmin.test.js).
jest.mock('@salesforce/customPermission/ML_Connector_Manage_Sync', () => ({ default: undefined }), { virtual: true });

// Lets pending promise chains (wire emits, mocked Apex calls, re-renders) settle before asserting.
async function flushPromises() {
    for (let i = 0; i < 10; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function render(objectApiName = 'Account', recordId = ACCOUNT.id) {
    const element = createElement('c-invoice-status', { is: InvoiceStatus });
    element.recordId = recordId;
    element.objectApiName = objectApiName;
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

describe('c-invoice-status', () => {
    it('shows a labelled spinner and a busy region until both wires answer', async () => {
        const element = render();
        expect($(element, 'lightning-spinner').alternativeText).toBe('c.MLC_Loading');
        await expect(element).toBeAccessible();
        expect($(element, '[aria-live="polite"]').getAttribute('aria-busy')).toBe('true');

        getRecord.emit(ACCOUNT);
        await flushPromises();
        expect($(element, 'lightning-spinner')).not.toBeNull();

        getDocuments.emit(DOCUMENTS);
        await flushPromises();
        expect($(element, 'lightning-spinner')).toBeNull();
        expect($(element, '[aria-live="polite"]').getAttribute('aria-busy')).toBe('false');
    });

    it('asks for the record id plus every Account status field as optional, and the documents of the record', async () => {
        render();
        await flushPromises();
        const config = getRecord.getLastConfig();
        expect(config.recordId).toBe(ACCOUNT.id);
        expect(config.fields).toEqual(['Account.Id']);
        const optional = config.optionalFields.map((field) => `${field.objectApiName}.${field.fieldApiName}`);
        expect(optional).toEqual(
            expect.arrayContaining([
                'Account.ERP_Total_Invoiced__c',
                'Account.ERP_Balance__c',
                'Account.ERP_Credit_Limit__c',
                'Account.ERP_On_Hold__c',
                'Account.ERP_Last_Synced_At__c'
            ])
        );
        expect(optional).toHaveLength(9);
        expect(getDocuments.getLastConfig()).toEqual({ recordId: ACCOUNT.id, maxRows: 10 });
    });

    it('renders the Account totals, standing, credit facts and documents', async () => {
        const element = render();
        getRecord.emit(ACCOUNT);
        getDocuments.emit(DOCUMENTS);
        await flushPromises();

        const status = $(element, '.status-badge span');
        expect(status.textContent).toBe('Past due');
        expect(status.className).toContain('slds-theme_error');
        expect(status.title).toBe('c.MLC_Status');
        expect($(element, '.on-hold').textContent).toBe('c.MLC_On_Hold');
        expect($(element, '.invoiced lightning-formatted-number').value).toBe(48250.5);
        expect($(element, '.paid lightning-formatted-number').value).toBe(40000);
        expect($(element, '.balance lightning-formatted-number').value).toBe(8250.5);
        expect($(element, '.overdue lightning-formatted-number').value).toBe(1200);
        expect($(element, '.overdue span').className).toContain('slds-text-color_error');
        expect($(element, '.credit-limit lightning-formatted-number').value).toBe(50000);
        expect($(element, '.payment-terms').textContent).toBe('Net 30');
        expect($(element, '.last-sync lightning-formatted-date-time').value).toBe('2026-11-20T09:15:00.000Z');

        const table = $(element, 'table.documents');
        expect(table.getAttribute('aria-label')).toBe('c.MLC_Documents');
        expect($$(element, 'th[scope="col"]')).toHaveLength(7);
        const rows = $$(element, 'tr.document-row');
        expect(rows.map((row) => row.querySelector('th[scope="row"]').textContent)).toEqual([
            'PYMNT0042',
            'STDINV2051',
            'STDINV2090'
        ]);
        // Only the invoice with an open balance past its due date is flagged.
        expect(rows.map((row) => !!row.querySelector('.overdue-badge'))).toEqual([false, true, false]);
        expect(rows[1].querySelector('.document-status span').className).toContain('slds-theme_warning');
        expect(rows[0].querySelector('.document-status span').className).toContain('slds-theme_success');
        // Totals are in the record's currency; each document keeps its own (a USD invoice on a EUR Account), and
        // one without a code falls back to the record's, never to the user's locale currency.
        expect($(element, '.invoiced lightning-formatted-number').currencyCode).toBe('EUR');
        expect($(element, '.credit-limit lightning-formatted-number').currencyCode).toBe('EUR');
        const amounts = rows.map((row) => row.querySelectorAll('lightning-formatted-number')[0].currencyCode);
        const balances = rows.map((row) => row.querySelectorAll('lightning-formatted-number')[1].currencyCode);
        expect(amounts).toEqual(['EUR', 'USD', 'EUR']);
        expect(balances).toEqual(amounts);
        await expect(element).toBeAccessible();
    });

    it('formats a single-currency org in the org currency and an ERP invoice in its own', async () => {
        const element = render();
        getRecord.emit(ACCOUNT);
        getDocuments.emit(SINGLE_CURRENCY);
        await flushPromises();

        expect($(element, '.balance lightning-formatted-number').currencyCode).toBe('USD');
        const row = $(element, 'tr.document-row');
        expect(row.querySelector('lightning-formatted-number').currencyCode).toBe('EUR');
        expect(row.querySelector('.document-number').textContent).toBe('STDINV3001');
    });

    it('shows no Sync now action to a user without the admin permission', async () => {
        const element = render();
        getRecord.emit(ACCOUNT);
        getDocuments.emit(DOCUMENTS);
        await flushPromises();
        expect($(element, 'lightning-button.sync-now')).toBeNull();
        expect($(element, 'lightning-button-icon.refresh').alternativeText).toBe('c.MLC_Refresh');
    });

    it('renders an Order without the Account-only facts and says when it was never synced', async () => {
        const element = render('Order', ORDER.id);
        await flushPromises();
        expect(getRecord.getLastConfig().fields).toEqual(['Order.Id']);
        expect(getRecord.getLastConfig().optionalFields).toHaveLength(5);
        getRecord.emit(ORDER);
        getDocuments.emit(NO_DOCUMENTS);
        await flushPromises();

        expect($(element, '.status-badge span').textContent).toBe('Invoiced');
        expect($(element, '.status-badge span').className).toContain('slds-theme_warning');
        expect($(element, '.credit-limit')).toBeNull();
        expect($(element, '.overdue')).toBeNull();
        expect($(element, '.on-hold')).toBeNull();
        expect($(element, '.last-sync').textContent).toBe('c.MLC_Never_Synced');
        expect($(element, 'table.documents')).toBeNull();
        expect($(element, '.no-documents').textContent).toBe('c.MLC_No_Documents');
    });

    it('shows the empty state when the service has written nothing yet', async () => {
        const element = render('Account', EMPTY_ACCOUNT.id);
        getRecord.emit(EMPTY_ACCOUNT);
        getDocuments.emit(NO_DOCUMENTS);
        await flushPromises();

        expect($(element, '.empty').textContent).toBe('c.MLC_Invoice_Status_Empty');
        expect($(element, '.summary')).toBeNull();
        expect($(element, 'c-error-panel')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows documents even before the totals arrive', async () => {
        const element = render('Account', EMPTY_ACCOUNT.id);
        getRecord.emit(EMPTY_ACCOUNT);
        getDocuments.emit(DOCUMENTS);
        await flushPromises();

        expect($(element, '.empty')).toBeNull();
        expect($(element, '.status-badge')).toBeNull();
        expect($$(element, 'tr.document-row')).toHaveLength(3);
    });

    it('shows one error panel with both errors when the wires fail', async () => {
        const element = render();
        getRecord.error({ message: 'Record not accessible' }, 404, 'Not Found');
        getDocuments.error({ message: 'You do not have access to the Apex class named ErpDocumentController' });
        await flushPromises();

        const panels = $$(element, 'c-error-panel');
        expect(panels).toHaveLength(1);
        expect(panels[0].friendlyMessage).toBe('c.MLC_Invoice_Status_Load_Error');
        expect(panels[0].errors).toHaveLength(2);
        expect($(element, '.summary')).toBeNull();
        expect($(element, 'lightning-spinner')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('explains that it does not support other objects', () => {
        const element = render('Contact', '003000000000001AAA');
        const panel = $(element, 'c-error-panel.unsupported');
        expect(panel.friendlyMessage).toBe('c.MLC_Error_Unsupported_Object');
        expect($(element, 'lightning-spinner')).toBeNull();
    });

    it('refreshes the documents and the record on Refresh', async () => {
        const element = render();
        getRecord.emit(ACCOUNT);
        getDocuments.emit(DOCUMENTS);
        await flushPromises();

        $(element, 'lightning-button-icon.refresh').click();
        await flushPromises();

        expect(refreshApex).toHaveBeenCalledTimes(1);
        expect(refreshApex.mock.calls[0][0].data).toEqual(DOCUMENTS);
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: ACCOUNT.id }]);
    });
});
