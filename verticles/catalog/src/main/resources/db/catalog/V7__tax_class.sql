-- Which of the shop's VAT rates applies to a product (checkout's tax_rate.tax_class): standard unless set.
ALTER TABLE product ADD COLUMN tax_class text NOT NULL DEFAULT 'standard';
