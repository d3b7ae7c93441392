import { formatLabel } from 'c/labelUtils';
import LABEL_EMPTY from '@salesforce/label/c.MLC_Mapping_Error_Empty';
import LABEL_UNKNOWN_TARGET from '@salesforce/label/c.MLC_Mapping_Error_Unknown_Target';
import LABEL_UNKNOWN_SOURCE from '@salesforce/label/c.MLC_Mapping_Error_Unknown_Source';
import LABEL_DUPLICATE_TARGET from '@salesforce/label/c.MLC_Mapping_Error_Duplicate_Target';
import LABEL_REQUIRED from '@salesforce/label/c.MLC_Mapping_Error_Required';
import LABEL_TRANSFORM from '@salesforce/label/c.MLC_Mapping_Error_Transform';
import LABEL_TYPE from '@salesforce/label/c.MLC_Mapping_Error_Type';
import LABEL_TYPE_TRANSFORM from '@salesforce/label/c.MLC_Mapping_Warning_Type_Transform';
import LABEL_DATE_PRECISION from '@salesforce/label/c.MLC_Mapping_Warning_Date_Precision';
import LABEL_LENGTH from '@salesforce/label/c.MLC_Mapping_Warning_Length';

/** The same rule FieldMappingController applies on save. */
export const TRANSFORM_PATTERN = /^[A-Za-z][A-Za-z0-9_:-]{0,39}$/;

/**
 * How a value of one catalog type lands in a field of another when no transform converts it:
 * 'ok', 'lossy' (allowed, with a warning) or 'invalid'. Anything becomes text; a date widens to a date-time; a
 * date-time narrows to a date by dropping its time.
 */
export function typeFit(sourceType, targetType) {
    if (sourceType === targetType || targetType === 'string') {
        return 'ok';
    }
    if (sourceType === 'date' && targetType === 'datetime') {
        return 'ok';
    }
    if (sourceType === 'datetime' && targetType === 'date') {
        return 'lossy';
    }
    return 'invalid';
}

function byLowerName(fields) {
    return new Map((fields || []).map((field) => [String(field.name).toLowerCase(), field]));
}

/**
 * Checks an edited mapping against the flow's source and target field catalogs (GET /api/salesforce/flows)
 * before it is saved: unknown fields, duplicate targets, unmapped required targets, transform names, type
 * mismatches (errors) and lossy conversions or possible truncation (warnings). Names compare case-insensitively,
 * as Salesforce and the service do.
 *
 * @param {{source: {fields: object[]}, target: {fields: object[]}}} flow a flow of the catalog
 * @param {{target: string, source: string, transform?: string}[]} entries the mapped rows (source chosen)
 * @returns {{errors: {target: string, message: string}[], warnings: {target: string, message: string}[]}}
 */
export function validateMapping(flow, entries) {
    const errors = [];
    const warnings = [];
    const sources = byLowerName(flow.source && flow.source.fields);
    const targets = byLowerName(flow.target && flow.target.fields);
    const rows = entries || [];

    if (rows.length === 0) {
        errors.push({ target: null, message: LABEL_EMPTY });
    }

    const seen = new Set();
    rows.forEach((entry) => {
        const target = targets.get(String(entry.target).toLowerCase());
        const source = sources.get(String(entry.source).toLowerCase());
        const transform = (entry.transform || '').trim();

        if (seen.has(String(entry.target).toLowerCase())) {
            errors.push({ target: entry.target, message: formatLabel(LABEL_DUPLICATE_TARGET, entry.target) });
        }
        seen.add(String(entry.target).toLowerCase());

        if (!target) {
            errors.push({ target: entry.target, message: formatLabel(LABEL_UNKNOWN_TARGET, entry.target) });
        }
        if (!source) {
            errors.push({ target: entry.target, message: formatLabel(LABEL_UNKNOWN_SOURCE, entry.source, entry.target) });
        }
        if (transform && !TRANSFORM_PATTERN.test(transform)) {
            errors.push({ target: entry.target, message: formatLabel(LABEL_TRANSFORM, transform) });
        }
        if (!target || !source) {
            return;
        }

        const fit = typeFit(source.dataType, target.dataType);
        if (fit === 'invalid') {
            const args = [target.name, target.dataType, source.name, source.dataType];
            if (transform) {
                // A transform may convert the value (e.g. a parse); the service checks its output at run time.
                warnings.push({ target: entry.target, message: formatLabel(LABEL_TYPE_TRANSFORM, ...args, transform) });
            } else {
                errors.push({ target: entry.target, message: formatLabel(LABEL_TYPE, ...args) });
            }
        } else if (fit === 'lossy' && !transform) {
            warnings.push({ target: entry.target, message: formatLabel(LABEL_DATE_PRECISION, source.name, target.name) });
        }

        if (target.dataType === 'string' && target.length && source.length && source.length > target.length) {
            warnings.push({
                target: entry.target,
                message: formatLabel(LABEL_LENGTH, source.name, source.length, target.name, target.length)
            });
        }
    });

    const mapped = new Set(rows.map((entry) => String(entry.target).toLowerCase()));
    (flow.target && flow.target.fields ? flow.target.fields : [])
        .filter((field) => field.required && !mapped.has(String(field.name).toLowerCase()))
        .forEach((field) => errors.push({ target: field.name, message: formatLabel(LABEL_REQUIRED, field.name) }));

    return { errors, warnings };
}
