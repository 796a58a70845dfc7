-- Where an API key comes from: 'config' (ponte.api-keys, written at every start; accepted only by a node whose
-- configuration holds it) or 'api' (POST /api/keys, accepted everywhere until revoked).
ALTER TABLE api_keys ADD COLUMN origin text NOT NULL DEFAULT 'api' CHECK (origin IN ('config', 'api'));
