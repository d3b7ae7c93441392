import { createElement } from 'lwc';
import SetupChecklist from 'c/setupChecklist';
import getSetupChecklist from '@salesforce/apex/ConnectorSetupController.getSetupChecklist';

const CHECKLIST = require('./data/checklist.json');

jest.mock('@salesforce/apex/ConnectorSetupController.getSetupChecklist', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/label/c.MLC_Checklist_Progress', () => ({ default: '{0} of {1} done' }), { virtual: true });

async function flushPromises() {
    for (let i = 0; i < 10; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function render() {
    const element = createElement('c-setup-checklist', { is: SetupChecklist });
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const item = (element, key) => $(element, `li[data-key="${key}"]`);

describe('c-setup-checklist', () => {
    it('shows a spinner while the checks run', async () => {
        getSetupChecklist.mockReturnValue(new Promise(() => {}));
        const element = render();
        await flushPromises();

        expect($(element, 'lightning-spinner').alternativeText).toBe('c.MLC_Loading');
        await expect(element).toBeAccessible();
    });

    it('shows every item with its state, what was found, and how to fix what did not pass', async () => {
        getSetupChecklist.mockResolvedValue(CHECKLIST);
        const element = render();
        await flushPromises();

        expect($$(element, 'li.check-item').map((li) => li.dataset.key)).toEqual(CHECKLIST.map((c) => c.key));
        expect($(element, '.progress-label').textContent).toBe('3 of 5 done');
        const bar = $(element, '.progress');
        expect(bar.getAttribute('aria-valuenow')).toBe('60');
        expect(bar.getAttribute('aria-labelledby')).toBe($(element, '.progress-label').id);
        expect(bar.querySelector('.slds-progress-bar__value').style.width).toBe('60%');

        const endpoint = item(element, 'endpoint');
        expect(endpoint.querySelector('lightning-icon').iconName).toBe('utility:success');
        expect(endpoint.querySelector('lightning-icon').alternativeText).toBe('c.MLC_Checklist_Pass');
        expect(endpoint.querySelector('.check-fix')).toBeNull();

        const sets = item(element, 'permission-sets');
        expect(sets.querySelector('lightning-icon').iconName).toBe('utility:warning');
        expect(sets.querySelector('lightning-icon').alternativeText).toBe('c.MLC_Checklist_Warn');
        expect(sets.querySelector('.check-fix').textContent).toContain('Manage Assignments');

        const user = item(element, 'integration-user');
        expect(user.querySelector('.check-title').textContent).toBe('Integration user permissions');
        expect(user.querySelector('.check-detail').textContent).toContain('View All Records on Contact, Product2');
        expect(user.querySelector('lightning-icon').variant).toBe('error');
        expect(user.querySelector('lightning-icon').alternativeText).toBe('c.MLC_Checklist_Fail');
        expect(user.querySelector('.check-fix').textContent).toContain('c.MLC_Checklist_How_To_Fix');
        await expect(element).toBeAccessible();
    });

    it('treats a state it does not know as one to check', async () => {
        getSetupChecklist.mockResolvedValue([{ key: 'future', title: 'A later check', status: 'skipped', detail: 'Not run', fix: 'Upgrade' }]);
        const element = render();
        await flushPromises();

        expect(item(element, 'future').querySelector('lightning-icon').iconName).toBe('utility:warning');
        expect($(element, '.progress-label').textContent).toBe('0 of 1 done');
    });

    it('shows why the checklist could not run', async () => {
        getSetupChecklist.mockRejectedValue({ body: { message: 'You need the Manage ML Connector Sync permission.' } });
        const element = render();
        await flushPromises();

        const panel = $(element, 'c-error-panel.load-error');
        expect(panel.friendlyMessage).toBe('c.MLC_Checklist_Load_Error');
        expect($(element, 'ol')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('runs the checks again on refresh()', async () => {
        const fixed = CHECKLIST.map((c) => ({ ...c, status: 'pass' }));
        getSetupChecklist.mockResolvedValueOnce(CHECKLIST).mockResolvedValueOnce(fixed);
        const element = render();
        await flushPromises();
        await element.refresh();
        await flushPromises();

        expect($(element, '.progress-label').textContent).toBe('5 of 5 done');
        expect($$(element, '.check-fix')).toHaveLength(0);
    });

    it('shows an empty checklist as nothing to do', async () => {
        getSetupChecklist.mockResolvedValue(null);
        const element = render();
        await flushPromises();

        expect($(element, 'ol')).toBeNull();
        expect($(element, 'c-error-panel')).toBeNull();
    });
});
