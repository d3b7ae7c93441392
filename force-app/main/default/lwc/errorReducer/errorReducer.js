/**
 * Turns whatever a component can catch into a flat list of messages a user can read:
 * - UI API read errors (body is an array of { message }),
 * - UI API write errors (body.output.errors / body.output.fieldErrors),
 * - Apex errors, AuraHandledException included (body.message; body.pageErrors / fieldErrors for DML),
 * - plain JavaScript errors (message),
 * - and, failing all of these, the HTTP status text.
 * One reducer for all components, so an error reads the same wherever it appears.
 *
 * @param {*} errors one error or an array of errors; null and undefined entries are ignored
 * @returns {string[]} distinct, non-empty messages in the order met
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    const messages = list.filter((error) => !!error).flatMap(messagesOf);
    return [...new Set(messages.filter((message) => typeof message === 'string' && message.trim() !== ''))];
}

function messagesOf(error) {
    if (typeof error === 'string') {
        return [error];
    }
    const body = error.body;
    if (Array.isArray(body)) {
        return body.map((entry) => entry && entry.message);
    }
    if (body && typeof body === 'object') {
        const fromOutput = outputMessages(body.output);
        if (fromOutput.length > 0) {
            return fromOutput;
        }
        const fromDml = [
            ...(body.pageErrors || []).map((entry) => entry.message),
            ...Object.values(body.fieldErrors || {}).flatMap((entries) => entries.map((entry) => entry.message))
        ];
        if (fromDml.length > 0) {
            return fromDml;
        }
        if (typeof body.message === 'string') {
            return [body.message];
        }
    }
    if (typeof error.message === 'string') {
        return [error.message];
    }
    return [error.statusText];
}

function outputMessages(output) {
    if (!output) {
        return [];
    }
    return [
        ...(output.errors || []).map((entry) => entry.message),
        ...Object.values(output.fieldErrors || {}).flatMap((entries) => entries.map((entry) => entry.message))
    ];
}
