#!/bin/sh
# Brings Temporal's two PostgreSQL databases to the schema of this admin-tools image's version. Both steps
# are idempotent (setup-schema skips a database that is already versioned, update-schema applies only newer
# versions), so this runs on every `up` and is also the upgrade step after raising TEMPORAL_VERSION.
# The databases themselves are created by docker/postgres/initdb.
set -eu

host="${POSTGRES_HOST:?POSTGRES_HOST is required}"
user="${POSTGRES_USER:?POSTGRES_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}" # read by temporal-sql-tool
schema=/etc/temporal/schema/postgresql/v12

for store in temporal:temporal visibility:temporal_visibility; do
  directory="${store%%:*}"
  database="${store#*:}"
  temporal-sql-tool --plugin postgres12 --ep "$host" -u "$user" -p 5432 --db "$database" setup-schema -v 0.0
  temporal-sql-tool --plugin postgres12 --ep "$host" -u "$user" -p 5432 --db "$database" \
    update-schema -d "$schema/$directory/versioned"
done
echo "Temporal schema is up to date"
