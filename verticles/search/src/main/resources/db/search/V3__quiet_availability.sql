-- A change of a product's available units alone (carts reserving and releasing stock: the most
-- frequent write of a live shop) no longer retires every cached answer: the document's trigger
-- bumps the change version only when something else of the document changed, or when the product
-- went in or out of stock (its availability facet and filter). A cached card's stock level
-- ("low" or "in stock") may then lag until the next change that retires answers; sold out shows at once.
DROP TRIGGER document_changed ON document;
CREATE CONSTRAINT TRIGGER document_changed AFTER INSERT OR DELETE ON document
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_change_version();
CREATE CONSTRAINT TRIGGER document_updated AFTER UPDATE ON document
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.in_stock IS DISTINCT FROM NEW.in_stock OR (to_jsonb(OLD) - 'variants') IS DISTINCT FROM (to_jsonb(NEW) - 'variants'))
  EXECUTE FUNCTION bump_change_version();
