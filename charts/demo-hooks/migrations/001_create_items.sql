-- The catalogue the app sells from.
-- The migration hook wraps each file in one transaction and records its version
-- in schema_migrations, so files hold no BEGIN/COMMIT of their own.
CREATE TABLE items (
    id         bigserial   PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
