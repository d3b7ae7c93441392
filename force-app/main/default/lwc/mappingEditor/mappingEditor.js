import { LightningElement, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getFlowCatalog from '@salesforce/apex/ConnectorServiceController.getFlowCatalog';
import getSavedMapping from '@salesforce/apex/FieldMappingController.getSavedMapping';
import saveMapping from '@salesforce/apex/FieldMappingController.saveMapping';
import resetMapping from '@salesforce/apex/FieldMappingController.resetMapping';
import canManageSync from '@salesforce/customPermission/ML_Connector_Manage_Sync';
import { reduceErrors } from 'c/errorReducer';
import { formatLabel } from 'c/labelUtils';
import { validateMapping } from './mappingValidation';

import LABEL_TITLE from '@salesforce/label/c.MLC_Mapping_Title';
import LABEL_LOADING from '@salesforce/label/c.MLC_Loading';
import LABEL_CATALOG_ERROR from '@salesforce/label/c.MLC_Mapping_Catalog_Error';
import LABEL_SAVED_ERROR from '@salesforce/label/c.MLC_Mapping_Load_Error';
import LABEL_NO_FLOWS from '@salesforce/label/c.MLC_Mapping_No_Flows';
import LABEL_FLOW from '@salesforce/label/c.MLC_Flow';
import LABEL_CHOOSE_FLOW from '@salesforce/label/c.MLC_Mapping_Choose_Flow';
import LABEL_NOT_ADMIN from '@salesforce/label/c.MLC_Mapping_Read_Only';
import LABEL_ORIGIN_SAVED from '@salesforce/label/c.MLC_Mapping_Origin_Saved';
import LABEL_ORIGIN_DEFAULT from '@salesforce/label/c.MLC_Mapping_Origin_Default';
import LABEL_DIRECTION from '@salesforce/label/c.MLC_Mapping_Direction';
import LABEL_TARGET_FIELD from '@salesforce/label/c.MLC_Mapping_Target_Field';
import LABEL_SOURCE_FIELD from '@salesforce/label/c.MLC_Mapping_Source_Field';
import LABEL_TRANSFORM from '@salesforce/label/c.MLC_Mapping_Transform';
import LABEL_TRANSFORM_HELP from '@salesforce/label/c.MLC_Mapping_Transform_Help';
import LABEL_REQUIRED from '@salesforce/label/c.MLC_Required';
import LABEL_NOT_MAPPED from '@salesforce/label/c.MLC_Mapping_Not_Mapped';
import LABEL_UNKNOWN_FIELD from '@salesforce/label/c.MLC_Mapping_Unknown_Field';
import LABEL_ACTIONS from '@salesforce/label/c.MLC_Actions';
import LABEL_REMOVE from '@salesforce/label/c.MLC_Mapping_Remove';
import LABEL_VALIDATE from '@salesforce/label/c.MLC_Mapping_Validate';
import LABEL_SAVE from '@salesforce/label/c.MLC_Mapping_Save';
import LABEL_RESTORE from '@salesforce/label/c.MLC_Mapping_Restore_Defaults';
import LABEL_VALID from '@salesforce/label/c.MLC_Mapping_Valid';
import LABEL_ERRORS_TITLE from '@salesforce/label/c.MLC_Mapping_Errors_Title';
import LABEL_WARNINGS_TITLE from '@salesforce/label/c.MLC_Mapping_Warnings_Title';
import LABEL_SAVED from '@salesforce/label/c.MLC_Mapping_Saved';
import LABEL_RESTORED from '@salesforce/label/c.MLC_Mapping_Restored';
import LABEL_SAVE_FAILED from '@salesforce/label/c.MLC_Mapping_Save_Error';

/**
 * Lets an admin choose a flow of the ML Connector service, see its source and target field catalogs, and edit
 * which source field (and optional transform) fills each target field. The mapping is validated against the
 * catalogs before it is saved into Field_Mapping__c, where the service reads it. Without the Manage ML Connector
 * Sync permission the editor is read-only (FieldMappingController refuses the save anyway).
 */
export default class MappingEditor extends LightningElement {
    labels = {
        title: LABEL_TITLE,
        loading: LABEL_LOADING,
        catalogError: LABEL_CATALOG_ERROR,
        savedError: LABEL_SAVED_ERROR,
        noFlows: LABEL_NO_FLOWS,
        flow: LABEL_FLOW,
        chooseFlow: LABEL_CHOOSE_FLOW,
        notAdmin: LABEL_NOT_ADMIN,
        targetField: LABEL_TARGET_FIELD,
        sourceField: LABEL_SOURCE_FIELD,
        transform: LABEL_TRANSFORM,
        transformHelp: LABEL_TRANSFORM_HELP,
        required: LABEL_REQUIRED,
        unknownField: LABEL_UNKNOWN_FIELD,
        actions: LABEL_ACTIONS,
        validate: LABEL_VALIDATE,
        save: LABEL_SAVE,
        restore: LABEL_RESTORE,
        valid: LABEL_VALID,
        errorsTitle: LABEL_ERRORS_TITLE,
        warningsTitle: LABEL_WARNINGS_TITLE
    };

    canEdit = !!canManageSync;
    flows;
    catalogError;
    selectedFlowId;
    savedEntries;
    savedError;
    wiredSaved;
    /** target (lower case) -> { target, source, transform }: the admin's working copy. */
    draft;
    validation;
    isSaving = false;

    @wire(getFlowCatalog)
    wiredCatalog({ data, error }) {
        if (data) {
            this.flows = data.flows || [];
            this.catalogError = undefined;
        } else if (error) {
            this.flows = undefined;
            this.catalogError = error;
        }
    }

    @wire(getSavedMapping, { flowId: '$selectedFlowId' })
    wiredSavedMapping(result) {
        this.wiredSaved = result;
        if (result.data) {
            this.savedEntries = result.data;
            this.savedError = undefined;
            this.resetDraft();
        } else if (result.error) {
            this.savedEntries = undefined;
            this.savedError = result.error;
        }
    }

    // ----- state -----

    get isLoadingCatalog() {
        return !this.flows && !this.catalogError;
    }

    get hasFlows() {
        return !!this.flows && this.flows.length > 0;
    }

    get showNoFlows() {
        return !!this.flows && this.flows.length === 0;
    }

    get isReadOnly() {
        return !this.canEdit;
    }

    get flowOptions() {
        return (this.flows || []).map((flow) => ({ label: flow.name || flow.id, value: flow.id }));
    }

    get selectedFlow() {
        return (this.flows || []).find((flow) => flow.id === this.selectedFlowId);
    }

    get isLoadingMapping() {
        return !!this.selectedFlow && !this.draft && !this.savedError;
    }

    get showEditor() {
        return !!this.selectedFlow && !!this.draft;
    }

    get isSaved() {
        return !!this.savedEntries && this.savedEntries.length > 0;
    }

    get originLabel() {
        return this.isSaved ? LABEL_ORIGIN_SAVED : LABEL_ORIGIN_DEFAULT;
    }

    get directionLabel() {
        const flow = this.selectedFlow;
        return formatLabel(
            LABEL_DIRECTION,
            flow.source.systemName,
            flow.source.entity,
            flow.target.systemName,
            flow.target.entity
        );
    }

    get sourceOptions() {
        const fields = (this.selectedFlow && this.selectedFlow.source.fields) || [];
        return [
            { label: LABEL_NOT_MAPPED, value: '' },
            ...fields.map((field) => ({ label: `${field.name} (${field.dataType})`, value: field.name }))
        ];
    }

    /** One row per target field of the catalog, then any saved row whose target the catalog no longer has. */
    get rows() {
        const flow = this.selectedFlow;
        if (!flow || !this.draft) {
            return [];
        }
        const issues = this.issuesByTarget();
        const catalogTargets = (flow.target.fields || []).map((field) => ({ field, known: true }));
        const known = new Set(catalogTargets.map(({ field }) => field.name.toLowerCase()));
        const unknownTargets = Object.values(this.draft)
            .filter((entry) => !known.has(entry.target.toLowerCase()))
            .map((entry) => ({ field: { name: entry.target, dataType: '' }, known: false }));
        return [...catalogTargets, ...unknownTargets].map(({ field, known: isKnown }) => {
            const entry = this.draft[field.name.toLowerCase()] || { source: '', transform: '' };
            const rowIssues = issues.get(field.name.toLowerCase()) || [];
            const hasIssue = rowIssues.length > 0;
            return {
                key: field.name,
                target: field.name,
                typeLabel: field.length ? `${field.dataType}(${field.length})` : field.dataType,
                required: !!field.required,
                unknown: !isKnown,
                source: entry.source || '',
                transform: entry.transform || '',
                sourceLabel: `${LABEL_SOURCE_FIELD}: ${field.name}`,
                transformLabel: `${LABEL_TRANSFORM}: ${field.name}`,
                removeLabel: `${LABEL_REMOVE}: ${field.name}`,
                rowClass: hasIssue ? 'mapping-row slds-hint-parent slds-has-error' : 'mapping-row slds-hint-parent',
                issueText: rowIssues.join(' '),
                hasIssue
            };
        });
    }

    get entries() {
        return Object.values(this.draft || {})
            .filter((entry) => entry.source)
            .map((entry) => ({
                target: entry.target,
                source: entry.source,
                transform: entry.transform ? entry.transform.trim() : null
            }));
    }

    get hasErrors() {
        return !!this.validation && this.validation.errors.length > 0;
    }

    get hasWarnings() {
        return !!this.validation && this.validation.warnings.length > 0;
    }

    get isValid() {
        return !!this.validation && !this.hasErrors;
    }

    get errorItems() {
        return this.hasErrors ? this.validation.errors.map((issue, index) => ({ key: `e${index}`, ...issue })) : [];
    }

    get warningItems() {
        return this.hasWarnings ? this.validation.warnings.map((issue, index) => ({ key: `w${index}`, ...issue })) : [];
    }

    get isSaveDisabled() {
        return this.isReadOnly || this.isSaving;
    }

    get isRestoreDisabled() {
        return this.isReadOnly || this.isSaving || !this.isSaved;
    }

    issuesByTarget() {
        const issues = new Map();
        if (this.validation) {
            this.validation.errors.forEach((issue) => {
                if (issue.target) {
                    const key = issue.target.toLowerCase();
                    issues.set(key, [...(issues.get(key) || []), issue.message]);
                }
            });
        }
        return issues;
    }

    resetDraft() {
        const flow = this.selectedFlow;
        if (!flow || !this.savedEntries) {
            return;
        }
        // Saved rows win; a flow nobody has edited starts from the service's default mapping.
        const start = this.savedEntries.length > 0 ? this.savedEntries : flow.mapping || [];
        const draft = {};
        start.forEach((entry) => {
            draft[entry.target.toLowerCase()] = {
                target: entry.target,
                source: entry.source || '',
                transform: entry.transform || ''
            };
        });
        this.draft = draft;
        this.validation = undefined;
    }

    updateDraft(target, change) {
        const key = target.toLowerCase();
        const current = this.draft[key] || { target, source: '', transform: '' };
        this.draft = { ...this.draft, [key]: { ...current, ...change } };
        // An edit makes the last validation stale: clear it rather than show results for another mapping.
        this.validation = undefined;
    }

    // ----- handlers -----

    handleFlowChange(event) {
        this.selectedFlowId = event.detail.value;
        this.savedEntries = undefined;
        this.savedError = undefined;
        this.draft = undefined;
        this.validation = undefined;
    }

    handleSourceChange(event) {
        this.updateDraft(event.target.dataset.target, { source: event.detail.value });
    }

    handleTransformChange(event) {
        this.updateDraft(event.target.dataset.target, { transform: event.detail.value });
    }

    handleRemove(event) {
        const key = event.currentTarget.dataset.target.toLowerCase();
        const draft = { ...this.draft };
        delete draft[key];
        this.draft = draft;
        this.validation = undefined;
    }

    handleValidate() {
        this.validation = validateMapping(this.selectedFlow, this.entries);
        return this.validation;
    }

    async handleSave() {
        if (this.handleValidate().errors.length > 0) {
            this.focusIssues();
            return;
        }
        this.isSaving = true;
        try {
            const saved = await saveMapping({ flowId: this.selectedFlowId, entries: this.entries });
            this.toast(formatLabel(LABEL_SAVED, saved, this.selectedFlow.name), '', 'success');
            await refreshApex(this.wiredSaved);
        } catch (error) {
            this.toast(LABEL_SAVE_FAILED, reduceErrors(error).join(' '), 'error');
        } finally {
            this.isSaving = false;
        }
    }

    async handleRestore() {
        this.isSaving = true;
        try {
            await resetMapping({ flowId: this.selectedFlowId });
            this.toast(formatLabel(LABEL_RESTORED, this.selectedFlow.name), '', 'success');
            await refreshApex(this.wiredSaved);
        } catch (error) {
            this.toast(LABEL_SAVE_FAILED, reduceErrors(error).join(' '), 'error');
        } finally {
            this.isSaving = false;
        }
    }

    focusIssues() {
        // Moves keyboard and screen-reader users to the list of problems that blocked the save.
        Promise.resolve().then(() => {
            const summary = this.template.querySelector('.validation-errors');
            if (summary) {
                summary.focus();
            }
        });
    }

    toast(title, message, variant) {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
    }
}
