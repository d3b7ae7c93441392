-- Business Central subscription ids used to live among the cursors, under `bc-subscription:<connection>:<entity set>`
-- (value: { subscriptionId, resource, notificationUrl, expirationDateTime }). They move to push_subscriptions, so an
-- upgrade keeps the subscriptions BC already holds: the next upkeep renews them instead of creating new ones.
-- The entity set is what follows the last ':'; the connection id is everything between the prefix and it.
INSERT INTO "push_subscriptions" ("connection_id", "key", "entity", "external_id", "expires_at", "state")
SELECT
  substring("flow_id" from '^bc-subscription:(.+):[^:]+$'),
  substring("flow_id" from ':([^:]+)$'),
  CASE substring("flow_id" from ':([^:]+)$') WHEN 'customerPaymentJournals' THEN 'customerPayments' ELSE substring("flow_id" from ':([^:]+)$') END,
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
