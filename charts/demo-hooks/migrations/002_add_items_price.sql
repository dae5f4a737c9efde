-- Prices in cents: integers add up exactly, floats do not.
-- The default lets the column arrive on a table that already has rows.
ALTER TABLE items
    ADD COLUMN price_cents integer NOT NULL DEFAULT 0 CHECK (price_cents >= 0);
