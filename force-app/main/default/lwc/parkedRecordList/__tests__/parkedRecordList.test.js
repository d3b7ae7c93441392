import { createElement } from 'lwc';
import ParkedRecordList from 'c/parkedRecordList';
import { takeNavigation } from 'lightning/navigation';
import getParkedRecords from '@salesforce/apex/ConnectorSetupController.getParkedRecords';
import replayParked from '@salesforce/apex/ConnectorServiceController.replayParked';

const PARKED = require('./data/parkedRecords.json');

jest.mock('@salesforce/apex/ConnectorSetupController.getParkedRecords', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ConnectorServiceController.replayParked', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/customPermission/ML_Connector_Manage_Sync', () => ({ default: true }), { virtual: true });
jest.mock('@salesforce/label/c.MLC_Attempts', () => ({ default: 'Attempts: {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.MLC_Replay_Done', () => ({ default: 'Replayed: {0}' }), { virtual: true });

async function flushPromises() {
    for (let i = 0; i < 10; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function render(props = {}) {
    const element = createElement('c-parked-record-list', { is: ParkedRecordList });
    Object.assign(element, props);
    document.body.appendChild(element);
    const toasts = [];
    const replayed = [];
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
    element.addEventListener('replayed', (event) => replayed.push(event.detail));
    return { element, toasts, replayed };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

describe('c-parked-record-list', () => {
    it('asks for the configured number of entries and shows a spinner meanwhile', async () => {
        getParkedRecords.mockReturnValue(new Promise(() => {}));
        const { element } = render({ maxRows: 20 });
        await flushPromises();

        expect(getParkedRecords).toHaveBeenCalledWith({ maxRows: 20 });
        expect($(element, 'lightning-spinner').alternativeText).toBe('c.MLC_Loading');
        await expect(element).toBeAccessible();
    });

    it('lists each parked record with reason, category, flow, source, attempts and time', async () => {
        getParkedRecords.mockResolvedValue(PARKED);
        const { element } = render();
        await flushPromises();

        expect(getParkedRecords).toHaveBeenCalledWith({ maxRows: 50 });
        const items = $$(element, 'li.parked-item');
        expect(items.map((item) => item.querySelector('.parked-reason').textContent)).toEqual(PARKED.map((p) => p.reason));
        expect(items[0].querySelector('.parked-category').textContent).toBe('c.MLC_Category_Validation');
        expect(items[2].querySelector('.parked-category').textContent).toBe('c.MLC_Category_Transient');
        expect(items[0].querySelector('.parked-flow').textContent).toBe('sf-orders-to-gp-sales-documents');
        expect(items[1].querySelector('.parked-source').textContent).toBe('AARONFIT0001');
        expect(items[0].querySelector('.parked-attempts').textContent).toBe('Attempts: 3');
        // The last attempt, or the first when there was only one.
        expect(items[0].querySelector('lightning-formatted-date-time').value).toBe('2026-11-24T09:41:12.000Z');
        expect(items[1].querySelector('lightning-formatted-date-time').value).toBe('2026-11-19T09:15:00.000Z');
        const replay = items[0].querySelector('lightning-button.replay');
        expect(replay.label).toBe('c.MLC_Replay');
        expect(replay.title).toBe(`c.MLC_Replay: ${PARKED[0].reason}`);
        await expect(element).toBeAccessible();
    });

    it('links an entry about a Salesforce record to its page, and not an ERP-side entry', async () => {
        getParkedRecords.mockResolvedValue(PARKED);
        const { element } = render();
        await flushPromises();

        const items = $$(element, 'li.parked-item');
        expect(items[1].querySelector('lightning-button.open-record')).toBeNull();
        const open = items[0].querySelector('lightning-button.open-record');
        expect(open.title).toBe('c.MLC_Parked_Open_Record: 8015e000002XyZaAAK');
        open.click();

        expect(takeNavigation()).toEqual({
            pageReference: { type: 'standard__recordPage', attributes: { recordId: '8015e000002XyZaAAK', actionName: 'view' } },
            replace: undefined
        });
    });

    it('replays an entry, confirms, tells the page and reloads the list', async () => {
        getParkedRecords.mockResolvedValueOnce(PARKED).mockResolvedValueOnce(PARKED.slice(1));
        replayParked.mockResolvedValue({ id: 42, outcome: 'created', message: 'Created GP sales document SF00000107' });
        const { element, toasts, replayed } = render();
        await flushPromises();

        $$(element, 'lightning-button.replay')[0].click();
        await Promise.resolve();
        expect($$(element, 'lightning-button.replay')[0].disabled).toBe(true);
        await flushPromises();

        expect(replayParked).toHaveBeenCalledWith({ parkedId: 42 });
        expect(toasts).toEqual([{ title: 'Replayed: c.MLC_Outcome_Created', message: 'Created GP sales document SF00000107', variant: 'success' }]);
        expect(replayed).toEqual([{ parkedId: 42 }]);
        expect(getParkedRecords).toHaveBeenCalledTimes(2);
        expect($$(element, 'li.parked-item')).toHaveLength(2);
    });

    it('warns when the replay parks the record again', async () => {
        getParkedRecords.mockResolvedValue(PARKED);
        replayParked.mockResolvedValue({ id: 7, outcome: 'parked', message: 'Name is required: GP customer name is empty' });
        const { element, toasts } = render();
        await flushPromises();

        $$(element, 'lightning-button.replay')[1].click();
        await flushPromises();

        expect(toasts).toEqual([{ title: 'c.MLC_Replay_Parked_Again', message: 'Name is required: GP customer name is empty', variant: 'warning' }]);
    });

    it('reports a refused replay in a sticky toast and keeps the list', async () => {
        getParkedRecords.mockResolvedValue(PARKED);
        replayParked.mockRejectedValue({ body: { message: 'The ERP connector is temporarily unavailable. (Request id: 7f1c)' } });
        const { element, toasts, replayed } = render();
        await flushPromises();

        $$(element, 'lightning-button.replay')[2].click();
        await flushPromises();

        expect(toasts).toEqual([
            { title: 'c.MLC_Replay_Failed', message: 'The ERP connector is temporarily unavailable. (Request id: 7f1c)', variant: 'error', mode: 'sticky' }
        ]);
        expect(replayed).toEqual([]);
        expect(getParkedRecords).toHaveBeenCalledTimes(1);
        expect($$(element, 'lightning-button.replay')[2].disabled).toBe(false);
    });

    it('shows a category the component does not know as the service sent it', async () => {
        getParkedRecords.mockResolvedValue([{ ...PARKED[1], id: 9, category: 'quarantined' }]);
        const { element } = render();
        await flushPromises();

        expect($(element, '.parked-category').textContent).toBe('quarantined');
    });

    it('says when nothing is parked', async () => {
        getParkedRecords.mockResolvedValue([]);
        const { element } = render();
        await flushPromises();

        expect($(element, '.empty').textContent).toBe('c.MLC_Parked_Empty');
        expect($(element, 'ul')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the service error', async () => {
        getParkedRecords.mockRejectedValue({ body: { message: 'You need the Manage ML Connector Sync permission.' } });
        const { element } = render();
        await flushPromises();

        const panel = $(element, 'c-error-panel.load-error');
        expect(panel.friendlyMessage).toBe('c.MLC_Parked_Load_Error');
        expect($(element, '.empty')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
