import { LightningElement, api } from 'lwc';
import getServiceHealth from '@salesforce/apex/ConnectorSetupController.getServiceHealth';

import LABEL_TITLE from '@salesforce/label/c.MLC_Status_Title';
import LABEL_LOADING from '@salesforce/label/c.MLC_Loading';
import LABEL_LOAD_ERROR from '@salesforce/label/c.MLC_Status_Load_Error';
import LABEL_CONNECTED from '@salesforce/label/c.MLC_Status_Connected';
import LABEL_DEGRADED from '@salesforce/label/c.MLC_Status_Degraded';
import LABEL_VERSION from '@salesforce/label/c.MLC_Status_Version';
import LABEL_CHECKED_AT from '@salesforce/label/c.MLC_Status_Checked_At';
import LABEL_STORE from '@salesforce/label/c.MLC_Status_Store';
import LABEL_STORE_OK from '@salesforce/label/c.MLC_Status_Store_Ok';
import LABEL_STORE_DOWN from '@salesforce/label/c.MLC_Status_Store_Down';
import LABEL_USER from '@salesforce/label/c.MLC_Status_Integration_User';
import LABEL_UNKNOWN from '@salesforce/label/c.MLC_Status_Unknown';
import LABEL_API_USAGE from '@salesforce/label/c.MLC_Status_Api_Usage';
import LABEL_API_USAGE_VALUE from '@salesforce/label/c.MLC_Status_Api_Usage_Value';
import LABEL_CHANNEL from '@salesforce/label/c.MLC_Status_Channel';
import LABEL_SUBSCRIBED from '@salesforce/label/c.MLC_Status_Subscribed';
import LABEL_NOT_SUBSCRIBED from '@salesforce/label/c.MLC_Status_Not_Subscribed';
import LABEL_LAST_EVENT from '@salesforce/label/c.MLC_Status_Last_Event';
import LABEL_NO_EVENT from '@salesforce/label/c.MLC_Status_No_Event';
import LABEL_CONNECTIONS from '@salesforce/label/c.MLC_Status_Connections';
import LABEL_CONNECTION_OK from '@salesforce/label/c.MLC_Status_Connection_Ok';
import LABEL_CONNECTION_FAILING from '@salesforce/label/c.MLC_Status_Connection_Failing';
import LABEL_CONNECTION_UNKNOWN from '@salesforce/label/c.MLC_Status_Connection_Unknown';
import { formatLabel } from 'c/labelUtils';

const CONNECTION_STATES = {
    ok: { label: LABEL_CONNECTION_OK, badge: 'slds-badge slds-theme_success' },
    failing: { label: LABEL_CONNECTION_FAILING, badge: 'slds-badge slds-theme_error' }
};
const UNKNOWN_STATE = { label: LABEL_CONNECTION_UNKNOWN, badge: 'slds-badge' };

/**
 * The companion service as Salesforce reaches it through the ML_Connector_Service named credential: whether it
 * answers, its version and store, the user it signs in to Salesforce as, its Change Data Capture subscription and
 * its connections to the ERPs. A failed call is shown as the reason (unreachable, key rejected...), which is
 * itself the answer an admin needs.
 */
export default class ConnectorStatus extends LightningElement {
    labels = {
        title: LABEL_TITLE,
        loading: LABEL_LOADING,
        loadError: LABEL_LOAD_ERROR,
        version: LABEL_VERSION,
        checkedAt: LABEL_CHECKED_AT,
        store: LABEL_STORE,
        user: LABEL_USER,
        apiUsage: LABEL_API_USAGE,
        channel: LABEL_CHANNEL,
        lastEvent: LABEL_LAST_EVENT,
        noEvent: LABEL_NO_EVENT,
        connections: LABEL_CONNECTIONS,
        unknown: LABEL_UNKNOWN
    };

    health;
    error;
    isLoading = true;

    connectedCallback() {
        this.refresh();
    }

    /** Asks the service again; the setup page's Refresh calls it. */
    @api
    async refresh() {
        this.isLoading = true;
        try {
            this.health = await getServiceHealth();
            this.error = undefined;
        } catch (error) {
            this.health = undefined;
            this.error = error;
        } finally {
            this.isLoading = false;
        }
    }

    get ariaBusy() {
        return String(this.isLoading);
    }

    get hasError() {
        return !this.isLoading && !!this.error;
    }

    get hasHealth() {
        return !this.isLoading && !!this.health;
    }

    get isDegraded() {
        return this.health.status !== 'ok';
    }

    get statusLabel() {
        return this.isDegraded ? LABEL_DEGRADED : LABEL_CONNECTED;
    }

    get statusClass() {
        return this.isDegraded ? 'slds-badge slds-theme_warning' : 'slds-badge slds-theme_success';
    }

    get storeLabel() {
        return this.health.storeOk ? LABEL_STORE_OK : LABEL_STORE_DOWN;
    }

    get storeClass() {
        return this.health.storeOk ? '' : 'slds-text-color_error';
    }

    get integrationUser() {
        return this.health.integrationUsername || LABEL_UNKNOWN;
    }

    get hasApiUsage() {
        return typeof this.health.apiMax === 'number' && this.health.apiMax > 0;
    }

    get apiUsage() {
        const format = new Intl.NumberFormat();
        return formatLabel(LABEL_API_USAGE_VALUE, format.format(this.health.apiUsed), format.format(this.health.apiMax));
    }

    get channel() {
        return this.health.cdcChannel || LABEL_UNKNOWN;
    }

    get subscriptionLabel() {
        return this.health.cdcSubscribed ? LABEL_SUBSCRIBED : LABEL_NOT_SUBSCRIBED;
    }

    get subscriptionClass() {
        return this.health.cdcSubscribed ? 'slds-badge slds-theme_success' : 'slds-badge slds-theme_error';
    }

    get connections() {
        return (this.health.connections || []).map((connection) => {
            const state = CONNECTION_STATES[connection.status] || UNKNOWN_STATE;
            return { ...connection, stateLabel: state.label, stateClass: state.badge };
        });
    }

    get hasConnections() {
        return this.connections.length > 0;
    }
}
