-- Where an API key comes from: 'config' (ponte.api-keys, rewritten at every start) or 'api' (POST /api/keys, kept
-- until revoked). A configured key removed from the configuration is deleted; one made through the API is not.
ALTER TABLE api_keys ADD COLUMN origin text NOT NULL DEFAULT 'api' CHECK (origin IN ('config', 'api'));
