/**
 * The company a GP connection targets goes into the SBA URL (`Companies(<company>)`), so it is validated as
 * configuration before any call — a bad value is a config error, never part of a URL. Seed 001: the company
 * database name must be a valid SQL identifier. GP also addresses companies by display name, which may hold
 * spaces and commas ("Fabrikam, Inc.", FACTS §2.1 [C]); both forms are accepted, nothing else.
 */

/** SQL Server regular identifier usable as a database name: a letter or _, then letters, digits, _ @ $ #. */
const SQL_DATABASE_IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_@$#]{0,127}$/u;
/** A company display name: letters, digits, spaces and , . & ' - _ (no quotes, parentheses, slashes, ; or %). */
const DISPLAY_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ,.&'_-]*$/u;
/** GP's company name column CMPNYNAM is char(65): 64 usable characters [U]. */
export const COMPANY_DISPLAY_NAME_MAX = 64;

/** T-SQL reserved keywords: a database named like one would need quoting everywhere, GP refuses them. */
const TSQL_RESERVED = new Set(
  `ADD ALL ALTER AND ANY AS ASC AUTHORIZATION BACKUP BEGIN BETWEEN BREAK BROWSE BULK BY CASCADE CASE CHECK CHECKPOINT
  CLOSE CLUSTERED COALESCE COLLATE COLUMN COMMIT COMPUTE CONSTRAINT CONTAINS CONTAINSTABLE CONTINUE CONVERT CREATE CROSS
  CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR DATABASE DBCC DEALLOCATE DECLARE DEFAULT DELETE
  DENY DESC DISK DISTINCT DISTRIBUTED DOUBLE DROP DUMP ELSE END ERRLVL ESCAPE EXCEPT EXEC EXECUTE EXISTS EXIT EXTERNAL
  FETCH FILE FILLFACTOR FOR FOREIGN FREETEXT FREETEXTTABLE FROM FULL FUNCTION GOTO GRANT GROUP HAVING HOLDLOCK IDENTITY
  IDENTITY_INSERT IDENTITYCOL IF IN INDEX INNER INSERT INTERSECT INTO IS JOIN KEY KILL LEFT LIKE LINENO LOAD MERGE NATIONAL
  NOCHECK NONCLUSTERED NOT NULL NULLIF OF OFF OFFSETS ON OPEN OPENDATASOURCE OPENQUERY OPENROWSET OPENXML OPTION OR ORDER
  OUTER OVER PERCENT PIVOT PLAN PRECISION PRIMARY PRINT PROC PROCEDURE PUBLIC RAISERROR READ READTEXT RECONFIGURE
  REFERENCES REPLICATION RESTORE RESTRICT RETURN REVERT REVOKE RIGHT ROLLBACK ROWCOUNT ROWGUIDCOL RULE SAVE SCHEMA
  SECURITYAUDIT SELECT SESSION_USER SET SETUSER SHUTDOWN SOME STATISTICS SYSTEM_USER TABLE TABLESAMPLE TEXTSIZE THEN TO
  TOP TRAN TRANSACTION TRIGGER TRUNCATE TRY_CONVERT TSEQUAL UNION UNIQUE UNPIVOT UPDATE UPDATETEXT USE USER VALUES VARYING
  VIEW WAITFOR WHEN WHERE WHILE WITH WRITETEXT`.split(/\s+/),
);

export type CompanyForm = 'database' | 'display-name';

/** Returns the form the value is in, or a problem message (no field prefix). */
export function classifyCompany(value: string): { ok: true; form: CompanyForm } | { ok: false; problem: string } {
  if (value.length === 0) return { ok: false, problem: 'is required (the GP company name, e.g. "Fabrikam, Inc.", or its database name, e.g. TWO)' };
  if (value !== value.trim()) return { ok: false, problem: 'must not start or end with spaces' };
  if (SQL_DATABASE_IDENTIFIER.test(value)) {
    if (TSQL_RESERVED.has(value.toUpperCase())) return { ok: false, problem: `"${value}" is a reserved SQL keyword, not a company database name` };
    return { ok: true, form: 'database' };
  }
  if (DISPLAY_NAME.test(value) && value.length <= COMPANY_DISPLAY_NAME_MAX) return { ok: true, form: 'display-name' };
  return {
    ok: false,
    problem:
      `"${value}" is neither a valid SQL database name (a letter or _, then letters, digits, _ @ $ #, e.g. TWO) nor a GP company ` +
      `name (letters, digits, spaces and , . & ' - _, at most ${COMPANY_DISPLAY_NAME_MAX} characters, e.g. "Fabrikam, Inc.")`,
  };
}
