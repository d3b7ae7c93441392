import { LightningElement } from 'lwc';
import canManageSync from '@salesforce/customPermission/ML_Connector_Manage_Sync';

import LABEL_TITLE from '@salesforce/label/c.MLC_Home_Title';
import LABEL_SUBTITLE from '@salesforce/label/c.MLC_Home_Subtitle';
import LABEL_REFRESH from '@salesforce/label/c.MLC_Refresh';
import LABEL_NOT_ADMIN from '@salesforce/label/c.MLC_Home_Not_Admin';

const PARTS = ['c-connector-status', 'c-setup-checklist', 'c-flow-run-summary', 'c-parked-record-list'];

/**
 * The ML Connector app's home and setup page (its first tab): the service connection, the first-run checklist,
 * each flow's last run and the parked records. For holders of Manage ML Connector Sync; Apex checks it again on
 * every call, so this only spares others a page of errors.
 */
export default class ConnectorHome extends LightningElement {
    labels = {
        title: LABEL_TITLE,
        subtitle: LABEL_SUBTITLE,
        refresh: LABEL_REFRESH,
        notAdmin: LABEL_NOT_ADMIN
    };

    isAdmin = !!canManageSync;
    isRefreshing = false;

    async handleRefresh() {
        this.isRefreshing = true;
        try {
            await Promise.all(this.parts(PARTS).map((part) => part.refresh()));
        } finally {
            this.isRefreshing = false;
        }
    }

    /** A replay changes the flow figures and the checklist's view of the service: read them again. */
    handleReplayed() {
        return Promise.all(this.parts(['c-flow-run-summary', 'c-connector-status']).map((part) => part.refresh()));
    }

    parts(selectors) {
        return selectors.map((selector) => this.template.querySelector(selector)).filter((part) => !!part);
    }
}
