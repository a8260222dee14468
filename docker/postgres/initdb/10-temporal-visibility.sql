-- Runs once, when the data volume is first initialised. POSTGRES_DB creates the `temporal` database;
-- Temporal's visibility store needs a second one.
CREATE DATABASE temporal_visibility;
