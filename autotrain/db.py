"""Many rows in few statements: `insert_rows` (a run's planned items) and `update_rows_where` (a batch
of written items, each over its claim).

Inserting: Django's `bulk_create` prepares every field of every object in Python (~0.2 ms per row of
TrainingExample's 25 columns); a run of 5,000 spent ~1 s of its POST there before any work could start.
The planned rows differ in a handful of columns; the rest are prepared once.

Updating, one UPDATE for many rows, each with its own values: `UPDATE ... FROM (VALUES ...)`.

A chunk writes its results in batches of up to 64 items, each over the item's claim. One statement per
item cost ~3 ms per item on PostgreSQL (Django building the query, a round trip, the server planning
it), all of it inside the per-user write lock that keeps dedup exact; one statement per batch costs a
fraction of that. Django's `bulk_update` is no substitute: it has no condition per row (the claim) and
says nothing about which rows it changed, and its `CASE WHEN` per column was slower on SQLite than
single updates. PostgreSQL and SQLite 3.35+ (UPDATE FROM, RETURNING) get the one statement; any other
database gets one conditional update per row, with the same result.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone


def _supports_update_from_values(connection: BaseDatabaseWrapper) -> bool:
    if connection.vendor == "postgresql":
        return True
    if connection.vendor == "sqlite":
        # Django's SQLite backend is the standard library's sqlite3 (its `Database`).
        return sqlite3.sqlite_version_info >= (3, 35, 0)
    return False


def _rows_per_statement(connection: BaseDatabaseWrapper, params_per_row: int, wanted: int) -> int:
    """At most `wanted`, and within the database's limit of parameters per statement (SQLite's)."""
    limit = connection.features.max_query_params
    if connection.vendor == "sqlite":
        # Django assumes SQLite's old default of 999; the library in use says what it allows (32,766
        # since SQLite 3.32).
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(wanted, limit // params_per_row)) if limit else wanted


def _column(model: type[models.Model], name: str) -> models.Field:
    """The model's field called `name`; only the model's own columns are written here, never relations."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), f"{name} is not a column of {model.__name__}"
    return field


def insert_rows(
    model: type[models.Model], rows: Sequence[dict], *, common: dict, batch_size: int = 500
) -> None:
    """INSERT one row per dict of `rows` (the columns that differ per row, the same keys in each), with
    `common` for the columns they share; every other concrete field gets its model default (prepared
    once, `auto_now_add` included). Multi-row VALUES, `batch_size` rows per statement."""
    if not rows:
        return
    manager = model._default_manager
    connection = connections[manager.db]
    meta = model._meta
    varying = [_column(model, name) for name in rows[0]]
    shared = {}
    for field in meta.concrete_fields:
        if field.primary_key or field in varying:
            continue
        if field.name in common:
            value = common[field.name]
        elif getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            value = timezone.now()
        else:
            value = field.get_default()
        shared[field] = field.get_db_prep_save(value, connection)
    columns = [*varying, *shared]
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in columns)
    head = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES "
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    constants = list(shared.values())
    batch_size = _rows_per_statement(connection, len(columns), batch_size)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            params: list = []
            for row in batch:
                params.extend(field.get_db_prep_save(row[field.name], connection) for field in varying)
                params.extend(constants)
            cursor.execute(head + ", ".join([row_sql] * len(batch)), params)


def update_rows_where(
    model: type[models.Model],
    rows: Sequence[tuple[int, dict]],
    *,
    columns: Sequence[str],
    where: dict,
) -> set:
    """Set `columns` of each row `(pk, values)` to its values, where the row still matches `where`
    (equality per field). Every row gives every column. Returns the primary keys it updated.

    Call inside the caller's transaction; the rows are written in one statement where the database can.
    """
    if not rows:
        return set()
    manager = model._default_manager
    connection = connections[manager.db]
    if not _supports_update_from_values(connection):
        return {pk for pk, values in rows if manager.filter(pk=pk, **where).update(**values)}
    per_statement = _rows_per_statement(connection, len(columns) + 1 + len(where), len(rows))
    if per_statement < len(rows):
        written: set = set()
        for start in range(0, len(rows), per_statement):
            part = rows[start : start + per_statement]
            written |= update_rows_where(model, part, columns=columns, where=where)
        return written

    meta = model._meta
    quote = connection.ops.quote_name
    fields = [_column(model, name) for name in columns]
    # PostgreSQL types a VALUES list from its first row and cannot guess a bare parameter's type, so
    # every value is cast to its column's type; SQLite needs no cast (and its CAST to a DATETIME
    # "type" would turn a timestamp into a number).
    if connection.vendor == "postgresql":
        # Field.rel_db_type is Django's; the stubs declare it on a mixin only.
        slots = [f"CAST(%s AS {meta.pk.rel_db_type(connection)})"]  # type: ignore[attr-defined]
        slots += [f"CAST(%s AS {field.db_type(connection)})" for field in fields]
    else:
        slots = ["%s"] * (len(fields) + 1)
    row_sql = "(" + ", ".join(slots) + ")"
    params: list = []
    for pk, values in rows:
        params.append(meta.pk.get_db_prep_value(pk, connection))
        params.extend(field.get_db_prep_save(values[field.name], connection) for field in fields)

    table = quote(meta.db_table)
    # The VALUES column of the key is not called like the table's, so RETURNING names only the table's.
    names = ["zega_row_pk"] + [f"v_{field.column}" for field in fields]
    assignments = ", ".join(f"{quote(field.column)} = v.{name}" for field, name in zip(fields, names[1:]))
    conditions = []
    for name, value in where.items():
        field = _column(model, name)
        conditions.append(f"{table}.{quote(field.column)} = %s")
        params.append(field.get_db_prep_value(value, connection))
    sql = (
        f"WITH v ({', '.join(names)}) AS (VALUES {', '.join([row_sql] * len(rows))}) "
        f"UPDATE {table} SET {assignments} FROM v "
        f"WHERE {table}.{quote(meta.pk.column)} = v.zega_row_pk"
        + "".join(f" AND {condition}" for condition in conditions)
        + f" RETURNING {table}.{quote(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {pk for (pk,) in cursor.fetchall()}
