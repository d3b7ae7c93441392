/**
 * Dataverse's error envelope `{"error":{"code":"0x…","message":"…"}}` (FACTS §4, 4.1 #7 [V]): the code is an
 * HRESULT-like hex string unrelated to the HTTP status. With `Prefer: odata.include-annotations="*"` (or a list
 * naming `Microsoft.PowerApps.CDS.ErrorDetails*` / `…HelpLink` / `…TraceText` / `…InnerError*`) the error carries the
 * `@Microsoft.PowerApps.CDS.*` annotations of compose-http-requests-handle-errors.md [V].
 *
 * Codes and messages below come from the published error-code list (data-service-error-codes.md) and the
 * troubleshooting article web-api-client-errors.md [V] unless a throw site says [C] / [U].
 */
export class DvHttpError extends Error {
  override readonly name = 'DvHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** HRESULT name (ConcurrencyVersionMismatch…) for the SubErrorCode / HelpLink annotations. */
    readonly errorName?: string,
  ) {
    super(message);
  }
}

export function dvError(status: number, code: string, message: string, headers: Record<string, string> = {}, errorName?: string): DvHttpError {
  return new DvHttpError(status, code, message, headers, errorName);
}

const JSON_TYPE = 'application/json; odata.metadata=minimal';

/** Does the Prefer header ask for the error-detail annotations? ("*" or a list naming them, wildcards allowed.) */
export function wantsErrorAnnotations(prefer: string | null | undefined): boolean {
  const m = /odata\.include-annotations\s*=\s*"?([^";]*)"?/i.exec(prefer ?? '');
  if (!m) return false;
  return (m[1] as string).split(',').some((p) => {
    const t = p.trim();
    return t === '*' || t.startsWith('Microsoft.PowerApps.CDS');
  });
}

export function errorResponse(err: DvHttpError, opts: { prefer?: string | null; correlationId: string }): Response {
  const error: Record<string, unknown> = { code: err.code, message: err.message };
  if (wantsErrorAnnotations(opts.prefer)) {
    const hex = err.code.replace(/^0x/i, '');
    // Shapes as the published example (error_with_annotations_400); values are the emulator's own.
    error['@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus'] = '0';
    error['@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode'] = String(Number.parseInt(hex || '0', 16) | 0);
    error['@Microsoft.PowerApps.CDS.HelpLink'] = `http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a${hex}&client=platform`;
    error['@Microsoft.PowerApps.CDS.TraceText'] = `\r\n[dataverse-sandbox]\r\n[${opts.correlationId}] ${err.errorName ?? 'Error'}\r\n`;
    error['@Microsoft.PowerApps.CDS.InnerError.Message'] = err.message;
  }
  return new Response(JSON.stringify({ error }), {
    status: err.status,
    headers: { 'content-type': JSON_TYPE, 'odata-version': '4.0', ...err.headers },
  });
}

// ---- the errors the API raises in more than one place ----

/** [V] web-api-client-errors.md: a wrong entity set / function / action name. */
export function segmentNotFound(segment: string): DvHttpError {
  return dvError(404, '0x8006088a', `Resource not found for the segment '${segment}'.`);
}

/**
 * [V] message text (web-api-client-errors.md). The published 2022 example shows code `0x0`; current services
 * answer `0x80060888` for OData query errors [C] — used for every query-option error here.
 */
export const QUERY_ERROR_CODE = '0x80060888';

export function propertyNotFound(name: string, logicalName: string): DvHttpError {
  return dvError(400, QUERY_ERROR_CODE, `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${logicalName}'.`);
}

export function queryError(message: string): DvHttpError {
  return dvError(400, QUERY_ERROR_CODE, message);
}

/** [V] code + message of ObjectDoesNotExist; the "Entity 'x' With Id = … Does Not Exist" wording is [C]. */
export function recordNotFound(logicalName: string, id: string): DvHttpError {
  return dvError(404, '0x80040217', `Entity '${logicalName}' With Id = ${id} Does Not Exist`, {}, 'ObjectDoesNotExist');
}

/** [C] the alternate-key variant of ObjectDoesNotExist. */
export function keyNotFound(logicalName: string): DvHttpError {
  return dvError(404, '0x80040217', `A record with the specified key values does not exist in ${logicalName} entity`, {}, 'ObjectDoesNotExist');
}

/** [V] FACTS §4: 412 DuplicateRecord; [C] code 0x80040237 and text from the conditional-operations doc. */
export function duplicateRecord(): DvHttpError {
  return dvError(412, '0x80040237', 'A record with matching key values already exists.', {}, 'DuplicateRecord');
}

/** [V] code, name and message (data-service-error-codes.md); 412 per FACTS 4.1 #3. */
export function concurrencyMismatch(): DvHttpError {
  return dvError(412, '0x80060882', "The version of the existing record doesn't match the RowVersion property provided.", {}, 'ConcurrencyVersionMismatch');
}

/**
 * [C] Payload (deserialisation) errors: code 0x80048d19 and the "Error identified in Payload…" prefix are
 * published (web-api-client-errors.md); the inner OData texts are Microsoft.OData's own messages.
 */
export function payloadError(entitySetName: string, inner: string): DvHttpError {
  return dvError(
    400,
    '0x80048d19',
    `Error identified in Payload provided by the user for Entity :'${entitySetName}', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : Microsoft.OData.ODataException: ${inner}`,
  );
}

/** [U] code/text for a request the emulator cannot serve (operation not implemented here). */
export function notImplemented(what: string): DvHttpError {
  return dvError(501, '0x80040216', `${what} is not implemented.`);
}
