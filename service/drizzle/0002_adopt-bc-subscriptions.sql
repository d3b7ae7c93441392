-- Business Central subscription ids used to live among the cursors, under `bc-subscription:<connection>:<entity set>`
-- (value: { subscriptionId, resource, notificationUrl, expirationDateTime }). They move to push_subscriptions, so an
-- upgrade keeps the subscriptions BC already holds: the next upkeep renews them instead of creating new ones.
-- Connection ids never contain ':' (config/service-config.ts), so the key splits cleanly.
INSERT INTO "push_subscriptions" ("connection_id", "key", "entity", "external_id", "expires_at", "state")
SELECT
  split_part("flow_id", ':', 2),
  split_part("flow_id", ':', 3),
  CASE split_part("flow_id", ':', 3) WHEN 'customerPaymentJournals' THEN 'customerPayments' ELSE split_part("flow_id", ':', 3) END,
  "value" ->> 'subscriptionId',
  ("value" ->> 'expirationDateTime')::timestamptz,
  "value"
FROM "cursors"
WHERE "flow_id" LIKE 'bc-subscription:%:%'
  AND jsonb_typeof("value") = 'object'
  AND "value" ->> 'subscriptionId' IS NOT NULL
ON CONFLICT ("connection_id", "key") DO NOTHING;
--> statement-breakpoint
DELETE FROM "cursors" WHERE "flow_id" LIKE 'bc-subscription:%';
