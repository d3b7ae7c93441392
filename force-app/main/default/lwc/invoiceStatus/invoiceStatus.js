import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, getFieldDisplayValue, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getDocuments from '@salesforce/apex/ErpDocumentController.getDocuments';
import requestSync from '@salesforce/apex/ConnectorServiceController.requestSync';
import canManageSync from '@salesforce/customPermission/ML_Connector_Manage_Sync';
import { reduceErrors } from 'c/errorReducer';

import ACCOUNT_INVOICED from '@salesforce/schema/Account.ERP_Total_Invoiced__c';
import ACCOUNT_PAID from '@salesforce/schema/Account.ERP_Total_Paid__c';
import ACCOUNT_BALANCE from '@salesforce/schema/Account.ERP_Balance__c';
import ACCOUNT_OVERDUE from '@salesforce/schema/Account.ERP_Overdue_Balance__c';
import ACCOUNT_CREDIT_LIMIT from '@salesforce/schema/Account.ERP_Credit_Limit__c';
import ACCOUNT_STATUS from '@salesforce/schema/Account.ERP_Status__c';
import ACCOUNT_ON_HOLD from '@salesforce/schema/Account.ERP_On_Hold__c';
import ACCOUNT_TERMS from '@salesforce/schema/Account.ERP_Payment_Terms__c';
import ACCOUNT_LAST_SYNC from '@salesforce/schema/Account.ERP_Last_Synced_At__c';
import ORDER_INVOICED from '@salesforce/schema/Order.ERP_Total_Invoiced__c';
import ORDER_PAID from '@salesforce/schema/Order.ERP_Total_Paid__c';
import ORDER_BALANCE from '@salesforce/schema/Order.ERP_Balance__c';
import ORDER_STATUS from '@salesforce/schema/Order.ERP_Status__c';
import ORDER_LAST_SYNC from '@salesforce/schema/Order.ERP_Last_Synced_At__c';
import OPPORTUNITY_INVOICED from '@salesforce/schema/Opportunity.ERP_Total_Invoiced__c';
import OPPORTUNITY_PAID from '@salesforce/schema/Opportunity.ERP_Total_Paid__c';
import OPPORTUNITY_BALANCE from '@salesforce/schema/Opportunity.ERP_Balance__c';
import OPPORTUNITY_STATUS from '@salesforce/schema/Opportunity.ERP_Status__c';
import OPPORTUNITY_LAST_SYNC from '@salesforce/schema/Opportunity.ERP_Last_Synced_At__c';

import LABEL_TITLE from '@salesforce/label/c.MLC_Invoice_Status_Title';
import LABEL_LOADING from '@salesforce/label/c.MLC_Loading';
import LABEL_LOAD_ERROR from '@salesforce/label/c.MLC_Invoice_Status_Load_Error';
import LABEL_EMPTY from '@salesforce/label/c.MLC_Invoice_Status_Empty';
import LABEL_UNSUPPORTED from '@salesforce/label/c.MLC_Error_Unsupported_Object';
import LABEL_INVOICED from '@salesforce/label/c.MLC_Invoiced';
import LABEL_PAID from '@salesforce/label/c.MLC_Paid';
import LABEL_BALANCE from '@salesforce/label/c.MLC_Balance';
import LABEL_OVERDUE from '@salesforce/label/c.MLC_Overdue_Balance';
import LABEL_CREDIT_LIMIT from '@salesforce/label/c.MLC_Credit_Limit';
import LABEL_PAYMENT_TERMS from '@salesforce/label/c.MLC_Payment_Terms';
import LABEL_ON_HOLD from '@salesforce/label/c.MLC_On_Hold';
import LABEL_STATUS from '@salesforce/label/c.MLC_Status';
import LABEL_LAST_SYNC from '@salesforce/label/c.MLC_Last_Synced';
import LABEL_NEVER_SYNCED from '@salesforce/label/c.MLC_Never_Synced';
import LABEL_DOCUMENTS from '@salesforce/label/c.MLC_Documents';
import LABEL_NO_DOCUMENTS from '@salesforce/label/c.MLC_No_Documents';
import LABEL_DOCUMENT_NUMBER from '@salesforce/label/c.MLC_Document_Number';
import LABEL_DOCUMENT_TYPE from '@salesforce/label/c.MLC_Document_Type';
import LABEL_DOCUMENT_DATE from '@salesforce/label/c.MLC_Document_Date';
import LABEL_DUE_DATE from '@salesforce/label/c.MLC_Due_Date';
import LABEL_AMOUNT from '@salesforce/label/c.MLC_Amount';
import LABEL_OPEN_BALANCE from '@salesforce/label/c.MLC_Open_Balance';
import LABEL_OVERDUE_BADGE from '@salesforce/label/c.MLC_Overdue';
import LABEL_SYNC_NOW from '@salesforce/label/c.MLC_Sync_Now';
import LABEL_SYNC_REQUESTED from '@salesforce/label/c.MLC_Sync_Requested';
import LABEL_SYNC_FAILED from '@salesforce/label/c.MLC_Sync_Failed';
import LABEL_REFRESH from '@salesforce/label/c.MLC_Refresh';

// Per object: which package fields the card shows. Credit limit, overdue, terms and hold exist on Account only.
const FIELDS = {
    Account: {
        invoiced: ACCOUNT_INVOICED,
        paid: ACCOUNT_PAID,
        balance: ACCOUNT_BALANCE,
        overdue: ACCOUNT_OVERDUE,
        creditLimit: ACCOUNT_CREDIT_LIMIT,
        status: ACCOUNT_STATUS,
        onHold: ACCOUNT_ON_HOLD,
        terms: ACCOUNT_TERMS,
        lastSync: ACCOUNT_LAST_SYNC
    },
    Order: {
        invoiced: ORDER_INVOICED,
        paid: ORDER_PAID,
        balance: ORDER_BALANCE,
        status: ORDER_STATUS,
        lastSync: ORDER_LAST_SYNC
    },
    Opportunity: {
        invoiced: OPPORTUNITY_INVOICED,
        paid: OPPORTUNITY_PAID,
        balance: OPPORTUNITY_BALANCE,
        status: OPPORTUNITY_STATUS,
        lastSync: OPPORTUNITY_LAST_SYNC
    }
};

// Badge colours by status value (API names, which do not change with the user's language).
const POSITIVE = new Set(['Paid', 'Current', 'Applied']);
const NEGATIVE = new Set(['Past_Due', 'Over_Credit_Limit', 'Void', 'Cancelled']);
const CAUTION = new Set(['Open', 'Partially_Invoiced', 'Invoiced', 'Partially_Paid', 'Unapplied']);

function badgeClass(value) {
    if (POSITIVE.has(value)) {
        return 'slds-badge slds-theme_success';
    }
    if (NEGATIVE.has(value)) {
        return 'slds-badge slds-theme_error';
    }
    if (CAUTION.has(value)) {
        return 'slds-badge slds-theme_warning';
    }
    return 'slds-badge';
}

function isoToday() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * ERP billing status of an Account, Order or Opportunity: totals and status written by the ML Connector
 * service onto the record, and the invoices and payments it mirrored into ERP_Document__c. Reads Salesforce
 * data only, so it keeps working while the service is down. Amounts are formatted in the currency they are in:
 * totals in the record's, each document in its own (Apex reads CurrencyIsoCode where the org has multi-currency),
 * never in the user's locale currency. "Sync now" is shown to holders of the
 * Manage ML Connector Sync custom permission; ConnectorServiceController checks it again.
 */
export default class InvoiceStatus extends LightningElement {
    @api recordId;
    @api objectApiName;
    /** How many invoice and payment lines to list (set in Lightning App Builder). */
    @api maxDocuments = 10;

    labels = {
        title: LABEL_TITLE,
        loading: LABEL_LOADING,
        loadError: LABEL_LOAD_ERROR,
        empty: LABEL_EMPTY,
        invoiced: LABEL_INVOICED,
        paid: LABEL_PAID,
        balance: LABEL_BALANCE,
        overdue: LABEL_OVERDUE,
        creditLimit: LABEL_CREDIT_LIMIT,
        paymentTerms: LABEL_PAYMENT_TERMS,
        onHold: LABEL_ON_HOLD,
        status: LABEL_STATUS,
        lastSync: LABEL_LAST_SYNC,
        neverSynced: LABEL_NEVER_SYNCED,
        documents: LABEL_DOCUMENTS,
        noDocuments: LABEL_NO_DOCUMENTS,
        documentNumber: LABEL_DOCUMENT_NUMBER,
        documentType: LABEL_DOCUMENT_TYPE,
        documentDate: LABEL_DOCUMENT_DATE,
        dueDate: LABEL_DUE_DATE,
        amount: LABEL_AMOUNT,
        openBalance: LABEL_OPEN_BALANCE,
        overdueBadge: LABEL_OVERDUE_BADGE,
        syncNow: LABEL_SYNC_NOW,
        refresh: LABEL_REFRESH
    };

    /** ISO code of the record's totals (its CurrencyIsoCode, or the org currency), from ErpDocumentController. */
    currencyCode;
    canSync = !!canManageSync;
    isSyncing = false;

    record;
    recordError;
    recordLoaded = false;
    documents = [];
    documentsError;
    documentsLoaded = false;
    wiredDocumentsResult;

    get fieldSet() {
        return FIELDS[this.objectApiName];
    }

    get isSupported() {
        return !!this.fieldSet;
    }

    // The record's Id is always readable; every package field is optional, because a field the user cannot
    // see (no FLS) would otherwise fail the whole wire instead of just staying blank.
    get requiredFields() {
        return this.isSupported ? [`${this.objectApiName}.Id`] : undefined;
    }

    get optionalFields() {
        return this.isSupported ? Object.values(this.fieldSet) : undefined;
    }

    @wire(getRecord, { recordId: '$recordId', fields: '$requiredFields', optionalFields: '$optionalFields' })
    wiredRecord({ data, error }) {
        if (data) {
            this.record = data;
            this.recordError = undefined;
            this.recordLoaded = true;
        } else if (error) {
            this.record = undefined;
            this.recordError = error;
            this.recordLoaded = true;
        }
    }

    @wire(getDocuments, { recordId: '$recordId', maxRows: '$maxDocuments' })
    wiredDocuments(result) {
        this.wiredDocumentsResult = result;
        const { data, error } = result;
        if (data) {
            this.documents = data.documents || [];
            this.currencyCode = data.recordCurrency;
            this.documentsError = undefined;
            this.documentsLoaded = true;
        } else if (error) {
            this.documents = [];
            this.documentsError = error;
            this.documentsLoaded = true;
        }
    }

    get isLoading() {
        return this.isSupported && !(this.recordLoaded && this.documentsLoaded);
    }

    // ARIA wants the strings "true"/"false"; a bound boolean would render as an empty attribute.
    get ariaBusy() {
        return String(this.isLoading);
    }

    get errors() {
        return [this.recordError, this.documentsError].filter((error) => !!error);
    }

    get hasError() {
        return this.isSupported && !this.isLoading && this.errors.length > 0;
    }

    get unsupportedMessage() {
        return LABEL_UNSUPPORTED;
    }

    get showUnsupported() {
        return !this.isSupported;
    }

    value(key) {
        const field = this.fieldSet && this.fieldSet[key];
        return field && this.record ? getFieldValue(this.record, field) : undefined;
    }

    get invoiced() {
        return this.value('invoiced');
    }

    get paid() {
        return this.value('paid');
    }

    get balance() {
        return this.value('balance');
    }

    get overdue() {
        return this.value('overdue');
    }

    get creditLimit() {
        return this.value('creditLimit');
    }

    get paymentTerms() {
        return this.value('terms');
    }

    get lastSync() {
        return this.value('lastSync');
    }

    get isOnHold() {
        return this.value('onHold') === true;
    }

    get hasOverdue() {
        return typeof this.overdue === 'number' && this.overdue > 0;
    }

    get overdueClass() {
        return this.hasOverdue ? 'slds-text-color_error' : '';
    }

    get hasCreditLimit() {
        return this.creditLimit !== null && this.creditLimit !== undefined;
    }

    get hasPaymentTerms() {
        return !!this.paymentTerms;
    }

    get hasStatus() {
        return !!this.value('status');
    }

    get statusLabel() {
        const field = this.fieldSet && this.fieldSet.status;
        return field && this.record ? getFieldDisplayValue(this.record, field) || this.value('status') : undefined;
    }

    get statusClass() {
        return badgeClass(this.value('status'));
    }

    get hasDocuments() {
        return this.documents.length > 0;
    }

    /** Nothing written by the service yet: no totals, no status, no sync time and no documents. */
    get isEmpty() {
        const keys = ['invoiced', 'paid', 'balance', 'status', 'lastSync', 'creditLimit'];
        const noFacts = keys.every((key) => {
            const v = this.value(key);
            return v === null || v === undefined || v === '';
        });
        return noFacts && !this.hasDocuments;
    }

    get showContent() {
        return this.isSupported && !this.isLoading && !this.hasError && !this.isEmpty;
    }

    get showEmpty() {
        return this.isSupported && !this.isLoading && !this.hasError && this.isEmpty;
    }

    get documentRows() {
        const today = isoToday();
        return this.documents.map((doc) => {
            const isOverdue =
                doc.documentType === 'Invoice' && doc.balance > 0 && !!doc.dueDate && doc.dueDate < today;
            return {
                ...doc,
                // A document in another currency than its record keeps its own (a EUR invoice on a USD Account).
                currency: doc.currencyCode || this.currencyCode,
                statusClass: badgeClass(doc.status),
                isOverdue
            };
        });
    }

    async handleSyncNow() {
        this.isSyncing = true;
        try {
            const result = await requestSync({ recordId: this.recordId });
            this.dispatchEvent(
                new ShowToastEvent({
                    title: LABEL_SYNC_REQUESTED,
                    message: (result && result.message) || '',
                    variant: 'success'
                })
            );
        } catch (error) {
            this.dispatchEvent(
                new ShowToastEvent({
                    title: LABEL_SYNC_FAILED,
                    message: reduceErrors(error).join(' '),
                    variant: 'error',
                    mode: 'sticky'
                })
            );
        } finally {
            this.isSyncing = false;
        }
    }

    async handleRefresh() {
        await Promise.all([
            refreshApex(this.wiredDocumentsResult),
            notifyRecordUpdateAvailable([{ recordId: this.recordId }])
        ]);
    }
}
