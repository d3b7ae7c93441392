import { createElement } from 'lwc';
import SyncHistory from 'c/syncHistory';
import { refreshApex } from '@salesforce/apex';
import getRecordActivity from '@salesforce/apex/ConnectorServiceController.getRecordActivity';
import replayParked from '@salesforce/apex/ConnectorServiceController.replayParked';

const ACTIVITY = require('./data/recordActivity.json');

jest.mock(
    '@salesforce/apex/ConnectorServiceController.getRecordActivity',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/ConnectorServiceController.replayParked', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/customPermission/ML_Connector_Manage_Sync', () => ({ default: true }), { virtual: true });
jest.mock('@salesforce/label/c.MLC_Replay_Done', () => ({ default: 'Replayed: {0}' }), { virtual: true });

// Lets pending promise chains (wire emits, mocked Apex calls, re-renders) settle before asserting.
async function flushPromises() {
    for (let i = 0; i < 10; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function renderLoaded() {
    const element = createElement('c-sync-history', { is: SyncHistory });
    element.recordId = ACTIVITY.recordId;
    document.body.appendChild(element);
    getRecordActivity.emit(ACTIVITY);
    await flushPromises();
    const toasts = [];
    element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
    return { element, toasts };
}

const replayButton = (element) => element.shadowRoot.querySelector('lightning-button.replay');

describe('c-sync-history for admins', () => {
    it('replays a parked record, confirms the outcome and reloads the history', async () => {
        replayParked.mockResolvedValue({ id: 7, outcome: 'created', message: 'Created Account 001000000000001AAA' });
        const { element, toasts } = await renderLoaded();

        const button = replayButton(element);
        expect(button.label).toBe('c.MLC_Replay');
        expect(button.title).toBe('c.MLC_Replay: Name is required');
        button.click();
        await Promise.resolve();
        expect(replayButton(element).disabled).toBe(true);
        await flushPromises();

        expect(replayParked).toHaveBeenCalledWith({ parkedId: 7 });
        expect(toasts).toEqual([
            { title: 'Replayed: c.MLC_Outcome_Created', message: 'Created Account 001000000000001AAA', variant: 'success' }
        ]);
        expect(refreshApex).toHaveBeenCalledTimes(1);
        expect(refreshApex.mock.calls[0][0].data).toEqual(ACTIVITY);
        expect(replayButton(element).disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('warns when the replay parked the record again', async () => {
        replayParked.mockResolvedValue({ id: 7, outcome: 'parked', message: 'Name is still empty' });
        const { element, toasts } = await renderLoaded();

        replayButton(element).click();
        await flushPromises();

        expect(toasts).toEqual([{ title: 'c.MLC_Replay_Parked_Again', message: 'Name is still empty', variant: 'warning' }]);
    });

    it('reports a refused replay in a sticky error toast and does not reload', async () => {
        replayParked.mockRejectedValue({ body: { message: 'You need the Manage ML Connector Sync permission.' } });
        const { element, toasts } = await renderLoaded();

        replayButton(element).click();
        await flushPromises();

        expect(toasts).toEqual([
            {
                title: 'c.MLC_Replay_Failed',
                message: 'You need the Manage ML Connector Sync permission.',
                variant: 'error',
                mode: 'sticky'
            }
        ]);
        expect(refreshApex).not.toHaveBeenCalled();
    });

    it('reloads the history on Refresh', async () => {
        const { element } = await renderLoaded();
        element.shadowRoot.querySelector('lightning-button-icon.refresh').click();
        await flushPromises();
        expect(refreshApex).toHaveBeenCalledTimes(1);
    });
});
