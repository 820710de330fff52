-- A module migration of the schema MigrationsTest uses: versions 1+ run after the kernel's 0.x.
CREATE TABLE module_thing (id int PRIMARY KEY);
