import { createElement } from 'lwc';
import ConnectorHome from 'c/connectorHome';
import getServiceHealth from '@salesforce/apex/ConnectorSetupController.getServiceHealth';
import getFlowStatus from '@salesforce/apex/ConnectorSetupController.getFlowStatus';
import getParkedRecords from '@salesforce/apex/ConnectorSetupController.getParkedRecords';
import getSetupChecklist from '@salesforce/apex/ConnectorSetupController.getSetupChecklist';

const HEALTH = require('../../connectorStatus/__tests__/data/health.json');
const FLOWS = require('../../flowRunSummary/__tests__/data/flowStatus.json');
const PARKED = require('../../parkedRecordList/__tests__/data/parkedRecords.json');
const CHECKLIST = require('../../setupChecklist/__tests__/data/checklist.json');

jest.mock('@salesforce/apex/ConnectorSetupController.getServiceHealth', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ConnectorSetupController.getFlowStatus', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ConnectorSetupController.getParkedRecords', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ConnectorSetupController.getSetupChecklist', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ConnectorServiceController.replayParked', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/customPermission/ML_Connector_Manage_Sync', () => ({ default: true }), { virtual: true });

async function flushPromises() {
    for (let i = 0; i < 20; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function renderLoaded() {
    getServiceHealth.mockResolvedValue(HEALTH);
    getFlowStatus.mockResolvedValue(FLOWS);
    getParkedRecords.mockResolvedValue(PARKED);
    getSetupChecklist.mockResolvedValue(CHECKLIST);
    const element = createElement('c-connector-home', { is: ConnectorHome });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

describe('c-connector-home for an admin', () => {
    it('lays out the connection, the checklist, the flows and the parked records under one heading', async () => {
        const element = await renderLoaded();

        expect($(element, 'h1.title').textContent).toBe('c.MLC_Home_Title');
        for (const part of ['c-connector-status', 'c-setup-checklist', 'c-flow-run-summary', 'c-parked-record-list']) {
            expect($(element, part)).not.toBeNull();
        }
        expect($(element, 'c-error-panel.not-admin')).toBeNull();
        expect([getServiceHealth, getFlowStatus, getParkedRecords, getSetupChecklist].map((fn) => fn.mock.calls.length)).toEqual([1, 1, 1, 1]);
        // The parts render their data: one look inside each proves the page is wired to them.
        expect($(element, 'c-connector-status').shadowRoot.querySelector('.version').textContent).toBe('0.1.0');
        expect($(element, 'c-flow-run-summary').shadowRoot.querySelectorAll('tr.flow-row')).toHaveLength(3);
        expect($(element, 'c-parked-record-list').shadowRoot.querySelectorAll('li.parked-item')).toHaveLength(3);
        expect($(element, 'c-setup-checklist').shadowRoot.querySelectorAll('li.check-item')).toHaveLength(5);
        await expect(element).toBeAccessible();
    });

    it('refreshes every part from its one Refresh button', async () => {
        const element = await renderLoaded();
        const button = $(element, 'lightning-button.refresh-all');
        expect(button.label).toBe('c.MLC_Refresh');

        button.click();
        await Promise.resolve();
        expect($(element, 'lightning-button.refresh-all').disabled).toBe(true);
        await flushPromises();

        expect([getServiceHealth, getFlowStatus, getParkedRecords, getSetupChecklist].map((fn) => fn.mock.calls.length)).toEqual([2, 2, 2, 2]);
        expect($(element, 'lightning-button.refresh-all').disabled).toBe(false);
    });

    it('reads the flows and the connection again after a replay', async () => {
        const element = await renderLoaded();

        $(element, 'c-parked-record-list').dispatchEvent(new CustomEvent('replayed', { detail: { parkedId: 42 } }));
        await flushPromises();

        expect(getFlowStatus).toHaveBeenCalledTimes(2);
        expect(getServiceHealth).toHaveBeenCalledTimes(2);
        expect(getSetupChecklist).toHaveBeenCalledTimes(1);
    });
});
