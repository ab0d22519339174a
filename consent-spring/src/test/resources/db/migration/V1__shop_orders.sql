-- An application's own first migration, beside which Samtykke's run in a Flyway of their own (LedgerFlywayTest).
CREATE TABLE shop_order (
    id    BIGINT       NOT NULL PRIMARY KEY,
    item  VARCHAR(100) NOT NULL
);
