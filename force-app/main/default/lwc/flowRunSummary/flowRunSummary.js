import { LightningElement, api } from 'lwc';
import getFlowStatus from '@salesforce/apex/ConnectorSetupController.getFlowStatus';

import LABEL_TITLE from '@salesforce/label/c.MLC_Flows_Title';
import LABEL_LOADING from '@salesforce/label/c.MLC_Loading';
import LABEL_LOAD_ERROR from '@salesforce/label/c.MLC_Flows_Load_Error';
import LABEL_EMPTY from '@salesforce/label/c.MLC_Flows_Empty';
import LABEL_FLOW from '@salesforce/label/c.MLC_Flow';
import LABEL_ENABLED from '@salesforce/label/c.MLC_Flows_Enabled';
import LABEL_DISABLED from '@salesforce/label/c.MLC_Flows_Disabled';
import LABEL_LAST_RUN from '@salesforce/label/c.MLC_Flows_Last_Run';
import LABEL_NEVER_RAN from '@salesforce/label/c.MLC_Flows_Never_Ran';
import LABEL_READ from '@salesforce/label/c.MLC_Flows_Read';
import LABEL_WRITTEN from '@salesforce/label/c.MLC_Flows_Written';
import LABEL_UNCHANGED from '@salesforce/label/c.MLC_Flows_Unchanged';
import LABEL_PARKED from '@salesforce/label/c.MLC_Flows_Parked';
import LABEL_OPEN_PARKED from '@salesforce/label/c.MLC_Flows_Open_Parked';
import LABEL_RUN_SUCCEEDED from '@salesforce/label/c.MLC_Flows_Run_Succeeded';
import LABEL_RUN_FAILED from '@salesforce/label/c.MLC_Flows_Run_Failed';
import LABEL_RUN_RUNNING from '@salesforce/label/c.MLC_Flows_Run_Running';
import LABEL_STATE from '@salesforce/label/c.MLC_Flows_State';

const RUN_STATES = {
    succeeded: { label: LABEL_RUN_SUCCEEDED, badge: 'slds-badge slds-theme_success' },
    failed: { label: LABEL_RUN_FAILED, badge: 'slds-badge slds-theme_error' },
    running: { label: LABEL_RUN_RUNNING, badge: 'slds-badge slds-theme_info' }
};

/**
 * Every flow of the service with its last run: when and how it ended, records read, written (created + updated),
 * unchanged and parked in that run, and the records still parked. Numbers come from the service's run records,
 * so they say what the last run did, not a total since install.
 */
export default class FlowRunSummary extends LightningElement {
    labels = {
        title: LABEL_TITLE,
        loading: LABEL_LOADING,
        loadError: LABEL_LOAD_ERROR,
        empty: LABEL_EMPTY,
        flow: LABEL_FLOW,
        state: LABEL_STATE,
        lastRun: LABEL_LAST_RUN,
        neverRan: LABEL_NEVER_RAN,
        read: LABEL_READ,
        written: LABEL_WRITTEN,
        unchanged: LABEL_UNCHANGED,
        parked: LABEL_PARKED,
        openParked: LABEL_OPEN_PARKED
    };

    flows = [];
    error;
    isLoading = true;

    connectedCallback() {
        this.refresh();
    }

    @api
    async refresh() {
        this.isLoading = true;
        try {
            this.flows = (await getFlowStatus()) || [];
            this.error = undefined;
        } catch (error) {
            this.flows = [];
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

    get hasFlows() {
        return !this.isLoading && this.rows.length > 0;
    }

    get isEmpty() {
        return !this.isLoading && !this.error && this.rows.length === 0;
    }

    get rows() {
        return this.flows.map((flow) => {
            const run = RUN_STATES[flow.lastRunStatus];
            return {
                ...flow,
                enabledLabel: flow.enabled ? LABEL_ENABLED : LABEL_DISABLED,
                enabledClass: flow.enabled ? 'slds-badge slds-theme_success' : 'slds-badge',
                hasRun: !!run,
                runLabel: run ? run.label : LABEL_NEVER_RAN,
                runClass: run ? run.badge : 'slds-badge',
                runTime: flow.lastRunFinishedAt || flow.lastRunStartedAt,
                openParkedClass: flow.openParked > 0 ? 'slds-text-color_error slds-text-title_bold' : ''
            };
        });
    }
}
