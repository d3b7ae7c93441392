import { createElement } from 'lwc';
import FlowRunSummary from 'c/flowRunSummary';
import getFlowStatus from '@salesforce/apex/ConnectorSetupController.getFlowStatus';

const FLOWS = require('./data/flowStatus.json');

jest.mock('@salesforce/apex/ConnectorSetupController.getFlowStatus', () => ({ default: jest.fn() }), { virtual: true });

async function flushPromises() {
    for (let i = 0; i < 10; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function render() {
    const element = createElement('c-flow-run-summary', { is: FlowRunSummary });
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const cell = (row, selector) => row.querySelector(selector).textContent;

describe('c-flow-run-summary', () => {
    it('shows a labelled spinner while the flows load', async () => {
        getFlowStatus.mockReturnValue(new Promise(() => {}));
        const element = render();
        await flushPromises();

        expect($(element, 'lightning-spinner').alternativeText).toBe('c.MLC_Loading');
        expect($(element, '[aria-busy]').getAttribute('aria-busy')).toBe('true');
        await expect(element).toBeAccessible();
    });

    it('lists each flow with its state, last run and the records it read, wrote, left and parked', async () => {
        getFlowStatus.mockResolvedValue(FLOWS);
        const element = render();
        await flushPromises();

        const table = $(element, 'table.flows');
        expect(table.getAttribute('aria-label')).toBe('c.MLC_Flows_Title');
        expect($$(element, 'th[scope="col"]')).toHaveLength(8);
        const rows = $$(element, 'tr.flow-row');
        expect(rows.map((row) => row.querySelector('th[scope="row"] .slds-truncate').textContent)).toEqual(FLOWS.map((f) => f.name));
        expect(rows[0].querySelector('th[scope="row"] .slds-truncate').title).toBe('gp-customers-to-sf-accounts');

        const [customers, orders, invoices] = rows;
        expect(cell(customers, '.read')).toBe('120');
        expect(cell(customers, '.written')).toBe('17');
        expect(cell(customers, '.unchanged')).toBe('101');
        expect(cell(customers, '.parked')).toBe('2');
        expect(cell(customers, '.open-parked')).toBe('2');
        expect(customers.querySelector('.open-parked span').className).toContain('slds-text-color_error');
        expect(customers.querySelector('.last-run .slds-badge').textContent).toBe('c.MLC_Flows_Run_Succeeded');
        expect(customers.querySelector('.last-run lightning-formatted-date-time').value).toBe('2026-11-24T02:00:04.000Z');

        // A failed run: its start time (it never finished) and the service's reason.
        expect(orders.querySelector('.last-run .slds-badge').className).toContain('slds-theme_error');
        expect(orders.querySelector('.last-run lightning-formatted-date-time').value).toBe('2026-11-24T09:41:10.000Z');
        expect(cell(orders, '.run-error')).toContain('GP did not answer');
        expect(orders.querySelector('.open-parked span').className).toBe('');

        // A disabled flow that never ran.
        expect(invoices.querySelector('td .slds-badge').textContent).toBe('c.MLC_Flows_Disabled');
        expect(cell(invoices, '.last-run .slds-badge')).toBe('c.MLC_Flows_Never_Ran');
        expect(invoices.querySelector('.last-run lightning-formatted-date-time')).toBeNull();
        expect(customers.querySelector('td .slds-badge').textContent).toBe('c.MLC_Flows_Enabled');
        await expect(element).toBeAccessible();
    });

    it('says when the service has no flows', async () => {
        getFlowStatus.mockResolvedValue([]);
        const element = render();
        await flushPromises();

        expect($(element, '.empty').textContent).toBe('c.MLC_Flows_Empty');
        expect($(element, 'table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the service error and no table', async () => {
        getFlowStatus.mockRejectedValue({ body: { message: 'The ERP connector rejected the API key.' } });
        const element = render();
        await flushPromises();

        const panel = $(element, 'c-error-panel.load-error');
        expect(panel.friendlyMessage).toBe('c.MLC_Flows_Load_Error');
        expect(panel.errors.body.message).toBe('The ERP connector rejected the API key.');
        expect($(element, '.empty')).toBeNull();
        expect($(element, 'table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('reads the flows again on refresh()', async () => {
        getFlowStatus.mockResolvedValueOnce([]).mockResolvedValueOnce(FLOWS);
        const element = render();
        await flushPromises();
        await element.refresh();
        await flushPromises();

        expect(getFlowStatus).toHaveBeenCalledTimes(2);
        expect($$(element, 'tr.flow-row')).toHaveLength(3);
    });
});
