package org.coopwatch.sink.db;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One sink table: its columns (the id first, {@code updated_at} last) and how a record becomes a row.
 * The upsert statement is derived from the columns, so adding a column is a migration plus one line here.
 */
final class Table<T> {

    record Column(String name, ColumnType type) {}

    static final Column UPDATED_AT = new Column("updated_at", ColumnType.TIME);

    private final String baseName;
    private final List<Column> columns;
    private final Function<T, String> id;
    private final Function<T, Object[]> values;

    /**
     * @param columns every column but {@code updated_at}, the id first
     * @param values the values of those columns, in the same order
     */
    Table(String baseName, List<Column> columns, Function<T, String> id, Function<T, Object[]> values) {
        this.baseName = baseName;
        this.columns = List.copyOf(columns);
        this.id = id;
        this.values = values;
    }

    String baseName() {
        return baseName;
    }

    String idColumn() {
        return columns.get(0).name();
    }

    /** The columns written, {@code updated_at} included (last). */
    List<Column> columns() {
        return java.util.stream.Stream.concat(columns.stream(), java.util.stream.Stream.of(UPDATED_AT)).toList();
    }

    String id(T record) {
        return id.apply(record);
    }

    /** The row's values without {@code updated_at}. */
    Object[] values(T record) {
        Object[] v = values.apply(record);
        if (v.length != columns.size()) {
            throw new IllegalStateException(baseName + ": " + v.length + " values for " + columns.size() + " columns");
        }
        return v;
    }

    /** {@code INSERT ... ON CONFLICT (id) DO UPDATE SET every other column}: a redelivered record rewrites its row. */
    String upsertSql(String tableName, Dialect dialect) {
        List<Column> all = columns();
        String names = all.stream().map(Column::name).collect(Collectors.joining(", "));
        String markers = all.stream().map(c -> dialect.placeholder(c.type())).collect(Collectors.joining(", "));
        String updates = all.stream().skip(1).map(c -> c.name() + " = excluded." + c.name())
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + tableName + " (" + names + ") VALUES (" + markers + ") ON CONFLICT ("
                + idColumn() + ") DO UPDATE SET " + updates;
    }
}
