-- Orders point at items; the index serves "orders of this item" and the foreign key's checks.
CREATE TABLE orders (
    id         bigserial   PRIMARY KEY,
    item_id    bigint      NOT NULL REFERENCES items (id),
    quantity   integer     NOT NULL CHECK (quantity > 0),
    ordered_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_item_id_idx ON orders (item_id);
