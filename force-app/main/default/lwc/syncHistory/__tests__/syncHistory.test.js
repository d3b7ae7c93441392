import { createElement } from 'lwc';
import SyncHistory from 'c/syncHistory';
import getRecordActivity from '@salesforce/apex/ConnectorServiceController.getRecordActivity';

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
jest.mock('@salesforce/customPermission/ML_Connector_Manage_Sync', () => ({ default: undefined }), { virtual: true });
jest.mock('@salesforce/label/c.MLC_Attempts', () => ({ default: 'Attempts: {0}' }), { virtual: true });

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
    const element = createElement('c-sync-history', { is: SyncHistory });
    element.recordId = ACTIVITY.recordId;
    document.body.appendChild(element);
    return element;
}

describe('c-sync-history', () => {
    it('asks the service for the record history and shows a labelled spinner meanwhile', async () => {
        const element = render();
        await flushPromises();
        expect(getRecordActivity.getLastConfig()).toEqual({ recordId: ACTIVITY.recordId, maxEvents: 50 });
        expect($(element, 'lightning-spinner').alternativeText).toBe('c.MLC_Loading');
        expect($(element, '[aria-live="polite"]').getAttribute('aria-busy')).toBe('true');
    });

    it('lists events newest first with outcome, error category, flow and message', async () => {
        const element = render();
        getRecordActivity.emit(ACTIVITY);
        await flushPromises();

        expect($(element, 'lightning-spinner')).toBeNull();
        const events = $$(element, 'li.event-item');
        expect(events).toHaveLength(3);
        expect(events[0].querySelector('.event-message').textContent).toBe('Updated 3 fields');
        expect(events[0].querySelector('.slds-badge').textContent).toBe('c.MLC_Outcome_Updated');
        expect(events[0].querySelector('.slds-badge').className).toContain('slds-theme_success');
        expect(events[0].querySelector('.event-category')).toBeNull();
        expect(events[0].querySelector('lightning-icon').alternativeText).toBe('c.MLC_Outcome_Updated');
        expect(events[1].querySelector('.event-category').textContent).toBe('c.MLC_Category_Validation');
        expect(events[1].querySelector('.slds-badge').className).toContain('slds-theme_warning');
        expect(events[1].querySelector('.event-flow').textContent).toBe('gp-customers-to-sf-accounts');
        // An outcome or category the component does not know yet is shown as sent, not dropped.
        expect(events[2].querySelector('.slds-badge').textContent).toBe('rerouted');
        expect(events[2].querySelector('.event-category').textContent).toBe('throttled');
        const eventsSection = $(element, 'section.events');
        const heading = eventsSection.querySelector('h3');
        expect(eventsSection.getAttribute('aria-labelledby')).toBe(heading.id);
        expect(heading.textContent).toBe('c.MLC_Sync_Events');
        await expect(element).toBeAccessible();
    });

    it('shows each parked record with its reason, category and attempts, without Replay for a rep', async () => {
        const element = render();
        getRecordActivity.emit(ACTIVITY);
        await flushPromises();

        const parked = $$(element, 'li.parked-item');
        expect(parked).toHaveLength(1);
        expect(parked[0].querySelector('.parked-reason').textContent).toBe('Name is required');
        expect(parked[0].querySelector('.parked-category').textContent).toBe('c.MLC_Category_Validation');
        expect(parked[0].querySelector('.parked-attempts').textContent).toBe('Attempts: 2');
        expect(parked[0].querySelector('lightning-button.replay')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the empty state for a record the service has not synced', async () => {
        const element = render();
        getRecordActivity.emit({ recordId: ACTIVITY.recordId, events: [], parked: [] });
        await flushPromises();

        expect($(element, '.empty').textContent).toBe('c.MLC_Sync_History_Empty');
        expect($(element, 'section.events')).toBeNull();
        expect($(element, 'section.parked')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the service error in the error panel', async () => {
        const element = render();
        getRecordActivity.error({ message: 'Salesforce could not reach the ERP connector.' });
        await flushPromises();

        const panel = $(element, 'c-error-panel.load-error');
        expect(panel.friendlyMessage).toBe('c.MLC_Sync_History_Load_Error');
        expect(panel.errors.body.message).toBe('Salesforce could not reach the ERP connector.');
        expect($(element, 'lightning-spinner')).toBeNull();
        expect($(element, '.empty')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
