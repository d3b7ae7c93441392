import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/errorReducer';
import LABEL_ERROR_TITLE from '@salesforce/label/c.MLC_Error_Title';
import LABEL_SHOW_DETAILS from '@salesforce/label/c.MLC_Show_Details';
import LABEL_HIDE_DETAILS from '@salesforce/label/c.MLC_Hide_Details';

/**
 * The one error display of the package: a short, friendly sentence from the parent, and the reduced messages of
 * the underlying errors behind a details toggle (so a rep is not faced with a stack, but an admin can read it).
 */
export default class ErrorPanel extends LightningElement {
    /** What the user was trying to do, e.g. "Invoice status could not be loaded." */
    @api friendlyMessage;
    /** Any error shape reduceErrors understands, or an array of them. */
    @api errors;

    showDetails = false;

    get title() {
        return this.friendlyMessage || LABEL_ERROR_TITLE;
    }

    get messages() {
        return reduceErrors(this.errors).map((text, index) => ({ key: `m${index}`, text }));
    }

    get hasMessages() {
        return this.messages.length > 0;
    }

    get toggleLabel() {
        return this.showDetails ? LABEL_HIDE_DETAILS : LABEL_SHOW_DETAILS;
    }

    get ariaExpanded() {
        return String(this.showDetails);
    }

    handleToggle() {
        this.showDetails = !this.showDetails;
    }
}
