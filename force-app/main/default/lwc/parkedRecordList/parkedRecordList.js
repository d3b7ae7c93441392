import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getParkedRecords from '@salesforce/apex/ConnectorSetupController.getParkedRecords';
import replayParked from '@salesforce/apex/ConnectorServiceController.replayParked';
import canManageSync from '@salesforce/customPermission/ML_Connector_Manage_Sync';
import { reduceErrors } from 'c/errorReducer';
import { formatLabel } from 'c/labelUtils';

import LABEL_TITLE from '@salesforce/label/c.MLC_Parked_Title';
import LABEL_LOADING from '@salesforce/label/c.MLC_Loading';
import LABEL_LOAD_ERROR from '@salesforce/label/c.MLC_Parked_Load_Error';
import LABEL_EMPTY from '@salesforce/label/c.MLC_Parked_Empty';
import LABEL_HELP from '@salesforce/label/c.MLC_Parked_Help';
import LABEL_ATTEMPTS from '@salesforce/label/c.MLC_Attempts';
import LABEL_FLOW from '@salesforce/label/c.MLC_Flow';
import LABEL_SOURCE_ID from '@salesforce/label/c.MLC_Source_Id';
import LABEL_OPEN_RECORD from '@salesforce/label/c.MLC_Parked_Open_Record';
import LABEL_REPLAY from '@salesforce/label/c.MLC_Replay';
import LABEL_REPLAY_DONE from '@salesforce/label/c.MLC_Replay_Done';
import LABEL_REPLAY_PARKED_AGAIN from '@salesforce/label/c.MLC_Replay_Parked_Again';
import LABEL_REPLAY_FAILED from '@salesforce/label/c.MLC_Replay_Failed';
import LABEL_CATEGORY_VALIDATION from '@salesforce/label/c.MLC_Category_Validation';
import LABEL_CATEGORY_AUTH from '@salesforce/label/c.MLC_Category_Auth';
import LABEL_CATEGORY_TRANSIENT from '@salesforce/label/c.MLC_Category_Transient';
import LABEL_CATEGORY_CONFLICT from '@salesforce/label/c.MLC_Category_Conflict';
import LABEL_OUTCOME_CREATED from '@salesforce/label/c.MLC_Outcome_Created';
import LABEL_OUTCOME_UPDATED from '@salesforce/label/c.MLC_Outcome_Updated';
import LABEL_OUTCOME_UNCHANGED from '@salesforce/label/c.MLC_Outcome_Unchanged';

const CATEGORIES = {
    validation: LABEL_CATEGORY_VALIDATION,
    auth: LABEL_CATEGORY_AUTH,
    transient: LABEL_CATEGORY_TRANSIENT,
    conflict: LABEL_CATEGORY_CONFLICT
};
const OUTCOMES = { created: LABEL_OUTCOME_CREATED, updated: LABEL_OUTCOME_UPDATED, unchanged: LABEL_OUTCOME_UNCHANGED };

/**
 * Every record the service parked and has not written yet, newest first, with its reason; entries about
 * Salesforce records the admin cannot see are left out by Apex. Replay re-runs one entry in the service and
 * tells the page (event "replayed") so the flow figures are read again.
 */
export default class ParkedRecordList extends NavigationMixin(LightningElement) {
    /** Most entries to list (the service caps it at 200). */
    @api maxRows = 50;

    labels = {
        title: LABEL_TITLE,
        loading: LABEL_LOADING,
        loadError: LABEL_LOAD_ERROR,
        empty: LABEL_EMPTY,
        help: LABEL_HELP,
        flow: LABEL_FLOW,
        sourceId: LABEL_SOURCE_ID,
        openRecord: LABEL_OPEN_RECORD,
        replay: LABEL_REPLAY
    };

    canReplay = !!canManageSync;
    parked = [];
    error;
    isLoading = true;
    replayingId;

    connectedCallback() {
        this.refresh();
    }

    @api
    async refresh() {
        this.isLoading = true;
        try {
            this.parked = (await getParkedRecords({ maxRows: this.maxRows })) || [];
            this.error = undefined;
        } catch (error) {
            this.parked = [];
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

    get hasParked() {
        return !this.isLoading && this.parked.length > 0;
    }

    get isEmpty() {
        return !this.isLoading && !this.error && this.parked.length === 0;
    }

    get items() {
        return this.parked.map((entry) => ({
            ...entry,
            key: `p${entry.id}`,
            categoryLabel: CATEGORIES[entry.category] || entry.category,
            attemptsLabel: formatLabel(LABEL_ATTEMPTS, entry.attempts),
            when: entry.updatedAt || entry.createdAt,
            openLabel: `${LABEL_OPEN_RECORD}: ${entry.sourceId || entry.recordId}`,
            replayLabel: `${LABEL_REPLAY}: ${entry.reason || entry.flowId}`,
            isReplaying: this.replayingId === entry.id
        }));
    }

    handleOpen(event) {
        this[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId: event.currentTarget.dataset.recordId, actionName: 'view' }
        });
    }

    async handleReplay(event) {
        const parkedId = Number(event.currentTarget.dataset.id);
        this.replayingId = parkedId;
        try {
            const result = await replayParked({ parkedId });
            const parkedAgain = result && result.outcome === 'parked';
            const outcome = (result && OUTCOMES[result.outcome]) || (result && result.outcome);
            this.dispatchEvent(
                new ShowToastEvent({
                    title: parkedAgain ? LABEL_REPLAY_PARKED_AGAIN : formatLabel(LABEL_REPLAY_DONE, outcome),
                    message: (result && result.message) || '',
                    variant: parkedAgain ? 'warning' : 'success'
                })
            );
            this.dispatchEvent(new CustomEvent('replayed', { detail: { parkedId } }));
            await this.refresh();
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
}
