-- Where an API key comes from: 'config' (ponte.api-keys, written at every start; such a key works only on the
-- replicas whose configuration holds it) or 'api' (POST /api/keys, kept until revoked).
ALTER TABLE api_keys ADD COLUMN origin text NOT NULL DEFAULT 'api' CHECK (origin IN ('config', 'api'));
