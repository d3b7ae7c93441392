import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getRecordActivity from '@salesforce/apex/ConnectorServiceController.getRecordActivity';
import replayParked from '@salesforce/apex/ConnectorServiceController.replayParked';
import canManageSync from '@salesforce/customPermission/ML_Connector_Manage_Sync';
import { reduceErrors } from 'c/errorReducer';
import { formatLabel } from 'c/labelUtils';

import LABEL_TITLE from '@salesforce/label/c.MLC_Sync_History_Title';
import LABEL_LOADING from '@salesforce/label/c.MLC_Loading';
import LABEL_LOAD_ERROR from '@salesforce/label/c.MLC_Sync_History_Load_Error';
import LABEL_EMPTY from '@salesforce/label/c.MLC_Sync_History_Empty';
import LABEL_PARKED from '@salesforce/label/c.MLC_Parked_Records';
import LABEL_PARKED_HELP from '@salesforce/label/c.MLC_Parked_Help';
import LABEL_EVENTS from '@salesforce/label/c.MLC_Sync_Events';
import LABEL_REPLAY from '@salesforce/label/c.MLC_Replay';
import LABEL_REPLAY_DONE from '@salesforce/label/c.MLC_Replay_Done';
import LABEL_REPLAY_PARKED_AGAIN from '@salesforce/label/c.MLC_Replay_Parked_Again';
import LABEL_REPLAY_FAILED from '@salesforce/label/c.MLC_Replay_Failed';
import LABEL_ATTEMPTS from '@salesforce/label/c.MLC_Attempts';
import LABEL_REFRESH from '@salesforce/label/c.MLC_Refresh';
import LABEL_FLOW from '@salesforce/label/c.MLC_Flow';
import LABEL_SOURCE_ID from '@salesforce/label/c.MLC_Source_Id';
import LABEL_OUTCOME_CREATED from '@salesforce/label/c.MLC_Outcome_Created';
import LABEL_OUTCOME_UPDATED from '@salesforce/label/c.MLC_Outcome_Updated';
import LABEL_OUTCOME_UNCHANGED from '@salesforce/label/c.MLC_Outcome_Unchanged';
import LABEL_OUTCOME_PARKED from '@salesforce/label/c.MLC_Outcome_Parked';
import LABEL_OUTCOME_REFUSED from '@salesforce/label/c.MLC_Outcome_Refused';
import LABEL_OUTCOME_DELETED from '@salesforce/label/c.MLC_Outcome_Deleted';
import LABEL_CATEGORY_VALIDATION from '@salesforce/label/c.MLC_Category_Validation';
import LABEL_CATEGORY_AUTH from '@salesforce/label/c.MLC_Category_Auth';
import LABEL_CATEGORY_TRANSIENT from '@salesforce/label/c.MLC_Category_Transient';
import LABEL_CATEGORY_CONFLICT from '@salesforce/label/c.MLC_Category_Conflict';

const OUTCOMES = {
    created: { label: LABEL_OUTCOME_CREATED, badge: 'slds-badge slds-theme_success', icon: 'utility:add' },
    updated: { label: LABEL_OUTCOME_UPDATED, badge: 'slds-badge slds-theme_success', icon: 'utility:edit' },
    unchanged: { label: LABEL_OUTCOME_UNCHANGED, badge: 'slds-badge', icon: 'utility:check' },
    parked: { label: LABEL_OUTCOME_PARKED, badge: 'slds-badge slds-theme_warning', icon: 'utility:pause' },
    refused: { label: LABEL_OUTCOME_REFUSED, badge: 'slds-badge slds-theme_error', icon: 'utility:ban' },
    deleted: { label: LABEL_OUTCOME_DELETED, badge: 'slds-badge', icon: 'utility:delete' }
};

const CATEGORIES = {
    validation: LABEL_CATEGORY_VALIDATION,
    auth: LABEL_CATEGORY_AUTH,
    transient: LABEL_CATEGORY_TRANSIENT,
    conflict: LABEL_CATEGORY_CONFLICT
};

/**
 * The record's audit trail as the ML Connector service recorded it (read through ConnectorServiceController and
 * the Named Credential), with the reason of every parked record and, for admins, a Replay action.
 */
export default class SyncHistory extends LightningElement {
    @api recordId;
    /** Most events to show (set in Lightning App Builder; the service caps it at 200). */
    @api maxEvents = 50;

    labels = {
        title: LABEL_TITLE,
        loading: LABEL_LOADING,
        loadError: LABEL_LOAD_ERROR,
        empty: LABEL_EMPTY,
        parked: LABEL_PARKED,
        parkedHelp: LABEL_PARKED_HELP,
        events: LABEL_EVENTS,
        replay: LABEL_REPLAY,
        refresh: LABEL_REFRESH,
        flow: LABEL_FLOW,
        sourceId: LABEL_SOURCE_ID
    };

    canReplay = !!canManageSync;
    replayingId;
    activity;
    error;
    wiredActivity;

    @wire(getRecordActivity, { recordId: '$recordId', maxEvents: '$maxEvents' })
    wiredRecordActivity(result) {
        this.wiredActivity = result;
        if (result.data) {
            this.activity = result.data;
            this.error = undefined;
        } else if (result.error) {
            this.activity = undefined;
            this.error = result.error;
        }
    }

    get isLoading() {
        return !this.activity && !this.error;
    }

    get ariaBusy() {
        return String(this.isLoading);
    }

    get hasError() {
        return !!this.error;
    }

    get events() {
        return ((this.activity && this.activity.events) || []).map((event) => {
            const outcome = OUTCOMES[event.outcome] || { label: event.outcome, badge: 'slds-badge', icon: 'utility:info' };
            return {
                ...event,
                key: `e${event.id}`,
                outcomeLabel: outcome.label,
                outcomeClass: outcome.badge,
                outcomeIcon: outcome.icon,
                categoryLabel: event.errorCategory ? CATEGORIES[event.errorCategory] || event.errorCategory : null
            };
        });
    }

    get parkedRecords() {
        return ((this.activity && this.activity.parked) || []).map((parked) => ({
            ...parked,
            key: `p${parked.id}`,
            categoryLabel: CATEGORIES[parked.category] || parked.category,
            attemptsLabel: formatLabel(LABEL_ATTEMPTS, parked.attempts),
            replayLabel: `${LABEL_REPLAY}: ${parked.reason || parked.flowId}`,
            isReplaying: this.replayingId === parked.id
        }));
    }

    get hasEvents() {
        return this.events.length > 0;
    }

    get hasParked() {
        return this.parkedRecords.length > 0;
    }

    get isEmpty() {
        return !!this.activity && !this.hasEvents && !this.hasParked;
    }

    async handleReplay(event) {
        const parkedId = Number(event.currentTarget.dataset.id);
        this.replayingId = parkedId;
        try {
            const result = await replayParked({ parkedId });
            const parkedAgain = result && result.outcome === 'parked';
            const outcome = (result && OUTCOMES[result.outcome]) || { label: result && result.outcome };
            this.dispatchEvent(
                new ShowToastEvent({
                    title: parkedAgain ? LABEL_REPLAY_PARKED_AGAIN : formatLabel(LABEL_REPLAY_DONE, outcome.label),
                    message: (result && result.message) || '',
                    variant: parkedAgain ? 'warning' : 'success'
                })
            );
            await refreshApex(this.wiredActivity);
        } catch (error) {
            this.dispatchEvent(
                new ShowToastEvent({
                    title: LABEL_REPLAY_FAILED,
                    message: reduceErrors(error).join(' '),
                    variant: 'error',
                    mode: 'sticky'
                })
            );
        } finally {
            this.replayingId = undefined;
        }
    }

    handleRefresh() {
        return refreshApex(this.wiredActivity);
    }
}
