import { createElement } from 'lwc';
import ConnectorStatus from 'c/connectorStatus';
import getServiceHealth from '@salesforce/apex/ConnectorSetupController.getServiceHealth';

const HEALTH = require('./data/health.json');
const DEGRADED = require('./data/degradedHealth.json');

jest.mock('@salesforce/apex/ConnectorSetupController.getServiceHealth', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/label/c.MLC_Status_Api_Usage_Value', () => ({ default: '{0} of {1}' }), { virtual: true });

async function flushPromises() {
    for (let i = 0; i < 10; i += 1) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function render() {
    const element = createElement('c-connector-status', { is: ConnectorStatus });
    document.body.appendChild(element);
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

describe('c-connector-status', () => {
    it('shows a labelled spinner in a busy region while the service is asked', async () => {
        getServiceHealth.mockReturnValue(new Promise(() => {}));
        const element = render();
        await flushPromises();

        expect(getServiceHealth).toHaveBeenCalledTimes(1);
        expect($(element, 'lightning-spinner').alternativeText).toBe('c.MLC_Loading');
        expect($(element, '[aria-live="polite"]').getAttribute('aria-busy')).toBe('true');
        await expect(element).toBeAccessible();
    });

    it('shows a healthy service: version, store, integration user, API usage, CDC subscription and connections', async () => {
        getServiceHealth.mockResolvedValue(HEALTH);
        const element = render();
        await flushPromises();

        expect($(element, '[aria-live="polite"]').getAttribute('aria-busy')).toBe('false');
        expect($(element, '.overall-status').textContent).toBe('c.MLC_Status_Connected');
        expect($(element, '.overall-status').parentElement.className).toContain('slds-theme_success');
        expect($(element, '.version').textContent).toBe('0.1.0');
        expect($(element, '.checked-at lightning-formatted-date-time').value).toBe('2026-11-24T10:00:00.000Z');
        expect($(element, '.store').textContent).toBe('c.MLC_Status_Store_Ok');
        expect($(element, '.integration-user').textContent).toBe('mlc.integration@acme.example');
        expect($(element, '.api-usage').textContent).toBe(`${new Intl.NumberFormat().format(1200)} of ${new Intl.NumberFormat().format(100000)}`);
        expect($(element, '.channel-name').textContent).toBe('/data/mlconn__ML_Connector__chn');
        expect($(element, '.subscription').textContent).toBe('c.MLC_Status_Subscribed');
        expect($(element, '.last-event lightning-formatted-date-time').value).toBe('2026-11-24T09:58:00.000Z');

        const connections = $$(element, 'li.connection');
        expect(connections.map((c) => c.querySelector('.connection-name').textContent)).toEqual(['GP production', 'Business Central', 'Salesforce']);
        const badges = connections.map((c) => c.querySelector('.slds-badge'));
        expect(badges.map((b) => b.textContent)).toEqual(['c.MLC_Status_Connection_Ok', 'c.MLC_Status_Connection_Failing', 'c.MLC_Status_Connection_Unknown']);
        expect(badges[1].className).toContain('slds-theme_error');
        expect(connections[1].querySelector('.connection-message').textContent).toContain('AADSTS7000215');
        expect(connections[0].querySelector('.connection-message')).toBeNull();
        expect($(element, 'ul.connections').getAttribute('aria-labelledby')).toBe($(element, 'h3').id);
        await expect(element).toBeAccessible();
    });

    it('shows a degraded service with what it did not report', async () => {
        getServiceHealth.mockResolvedValue(DEGRADED);
        const element = render();
        await flushPromises();

        expect($(element, '.overall-status').textContent).toBe('c.MLC_Status_Degraded');
        expect($(element, '.overall-status').parentElement.className).toContain('slds-theme_warning');
        expect($(element, '.store span').className).toContain('slds-text-color_error');
        expect($(element, '.store').textContent).toBe('c.MLC_Status_Store_Down');
        expect($(element, '.integration-user').textContent).toBe('c.MLC_Status_Unknown');
        expect($(element, '.api-usage')).toBeNull();
        expect($(element, '.channel-name').textContent).toBe('c.MLC_Status_Unknown');
        expect($(element, '.subscription').textContent).toBe('c.MLC_Status_Not_Subscribed');
        expect($(element, '.last-event').textContent).toBe('c.MLC_Status_No_Event');
        expect($(element, 'ul.connections')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('explains an unreachable service in the error panel', async () => {
        getServiceHealth.mockRejectedValue({ body: { message: 'Salesforce could not reach the ERP connector.' } });
        const element = render();
        await flushPromises();

        const panel = $(element, 'c-error-panel.load-error');
        expect(panel.friendlyMessage).toBe('c.MLC_Status_Load_Error');
        expect(panel.errors.body.message).toBe('Salesforce could not reach the ERP connector.');
        expect($(element, '.overall-status')).toBeNull();
        expect($(element, 'lightning-spinner')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('asks again on refresh() and replaces an error with the answer', async () => {
        getServiceHealth.mockRejectedValueOnce({ body: { message: 'down' } }).mockResolvedValueOnce(HEALTH);
        const element = render();
        await flushPromises();
        expect($(element, 'c-error-panel')).not.toBeNull();

        await element.refresh();
        await flushPromises();

        expect(getServiceHealth).toHaveBeenCalledTimes(2);
        expect($(element, 'c-error-panel')).toBeNull();
        expect($(element, '.overall-status').textContent).toBe('c.MLC_Status_Connected');
    });
});
