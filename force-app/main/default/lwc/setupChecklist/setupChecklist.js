import { LightningElement, api } from 'lwc';
import getSetupChecklist from '@salesforce/apex/ConnectorSetupController.getSetupChecklist';
import { formatLabel } from 'c/labelUtils';

import LABEL_TITLE from '@salesforce/label/c.MLC_Checklist_Title';
import LABEL_LOADING from '@salesforce/label/c.MLC_Loading';
import LABEL_LOAD_ERROR from '@salesforce/label/c.MLC_Checklist_Load_Error';
import LABEL_PROGRESS from '@salesforce/label/c.MLC_Checklist_Progress';
import LABEL_HOW_TO_FIX from '@salesforce/label/c.MLC_Checklist_How_To_Fix';
import LABEL_PASS from '@salesforce/label/c.MLC_Checklist_Pass';
import LABEL_WARN from '@salesforce/label/c.MLC_Checklist_Warn';
import LABEL_FAIL from '@salesforce/label/c.MLC_Checklist_Fail';

const STATES = {
    pass: { label: LABEL_PASS, icon: 'utility:success', variant: 'success' },
    warn: { label: LABEL_WARN, icon: 'utility:warning', variant: 'warning' },
    fail: { label: LABEL_FAIL, icon: 'utility:error', variant: 'error' }
};

/**
 * The first-run checklist: each item is checked by Apex (ConnectorSetupChecklist) against the service's answer
 * and the org's own setup, and says what was found and, unless it passed, how to fix it.
 */
export default class SetupChecklist extends LightningElement {
    labels = {
        title: LABEL_TITLE,
        loading: LABEL_LOADING,
        loadError: LABEL_LOAD_ERROR,
        howToFix: LABEL_HOW_TO_FIX
    };

    checks = [];
    error;
    isLoading = true;

    connectedCallback() {
        this.refresh();
    }

    @api
    async refresh() {
        this.isLoading = true;
        try {
            this.checks = (await getSetupChecklist()) || [];
            this.error = undefined;
        } catch (error) {
            this.checks = [];
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

    get hasItems() {
        return !this.isLoading && this.checks.length > 0;
    }

    get items() {
        return this.checks.map((item) => {
            const state = STATES[item.status] || STATES.warn;
            return {
                ...item,
                stateLabel: state.label,
                icon: state.icon,
                variant: state.variant,
                showFix: item.status !== 'pass' && !!item.fix,
                fixId: `fix-${item.key}`
            };
        });
    }

    get passed() {
        return this.checks.filter((item) => item.status === 'pass').length;
    }

    get progressLabel() {
        return formatLabel(LABEL_PROGRESS, this.passed, this.checks.length);
    }

    get progressValue() {
        return this.checks.length === 0 ? 0 : Math.round((this.passed / this.checks.length) * 100);
    }

    get progressStyle() {
        return `width: ${this.progressValue}%`;
    }

    get progressNow() {
        return String(this.progressValue);
    }
}
