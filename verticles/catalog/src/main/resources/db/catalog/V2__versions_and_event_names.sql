-- Categories and attributes carry a version like products, so that their events can be ordered.
ALTER TABLE category ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE attribute ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- Events logged before stable names and versions: stable names, aggregate ids, and version 0
-- ("unknown", always applied) where the payload has none.
UPDATE outbox SET event_type = 'catalog.' || CASE event_type
    WHEN 'ProductCreated' THEN 'product-created' WHEN 'ProductUpdated' THEN 'product-updated'
    WHEN 'ProductDeleted' THEN 'product-deleted' WHEN 'StockChanged' THEN 'stock-changed'
    WHEN 'PriceChanged' THEN 'price-changed' WHEN 'CategoryChanged' THEN 'category-changed'
    WHEN 'AttributeChanged' THEN 'attribute-changed' END
WHERE event_type IN ('ProductCreated', 'ProductUpdated', 'ProductDeleted', 'StockChanged', 'PriceChanged',
                     'CategoryChanged', 'AttributeChanged');
UPDATE outbox SET payload = payload || '{"version": 0}' WHERE NOT payload ? 'version';
UPDATE outbox SET aggregate_id = coalesce(payload ->> 'productId', payload ->> 'categoryId', 'attribute:' || (payload ->> 'code')),
                  aggregate_version = (payload ->> 'version')::bigint
WHERE aggregate_id IS NULL;
