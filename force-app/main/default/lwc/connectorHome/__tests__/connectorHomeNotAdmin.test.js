import { createElement } from 'lwc';
import ConnectorHome from 'c/connectorHome';
import getServiceHealth from '@salesforce/apex/ConnectorSetupController.getServiceHealth';

jest.mock('@salesforce/apex/ConnectorSetupController.getServiceHealth', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/customPermission/ML_Connector_Manage_Sync', () => ({ default: undefined }), { virtual: true });

describe('c-connector-home without the admin permission', () => {
    it('explains who the page is for and asks the service nothing', async () => {
        const element = createElement('c-connector-home', { is: ConnectorHome });
        document.body.appendChild(element);
        await Promise.resolve();

        const panel = element.shadowRoot.querySelector('c-error-panel.not-admin');
        expect(panel.friendlyMessage).toBe('c.MLC_Home_Not_Admin');
        expect(element.shadowRoot.querySelector('c-connector-status')).toBeNull();
        expect(element.shadowRoot.querySelector('lightning-button.refresh-all')).toBeNull();
        expect(getServiceHealth).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });
});
