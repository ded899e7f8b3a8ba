package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an export carries is every table and column of both databases' schemas, so a migration cannot leave one out. */
class PortableTablesTest {

    @TempDir
    Path dir;

    @Test
    void the_exported_columns_are_every_column_of_the_migrated_sqlite_schema() throws Exception {
        Map<String, Set<String>> columns = new TreeMap<>();
        try (Connection db = StoreRows.sqlite(dir.resolve("store.db")); Statement sql = db.createStatement()) {
            for (String table : names(sql, "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'")) {
                columns.put(table, names(sql, "SELECT name FROM pragma_table_info('" + table + "')"));
            }
        }

        assertThat(columns).isEqualTo(exported());
    }

    @Test
    void the_exported_columns_are_every_column_of_the_migrated_postgresql_schema() throws Exception {
        Map<String, Set<String>> columns = new TreeMap<>();
        try (Connection db = StoreRows.postgres(StoreRows.newPostgresDatabase()); Statement sql = db.createStatement()) {
            for (String table : names(sql, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_name <> 'flyway_schema_history'")) {
                Set<String> named = names(sql, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                        + " AND table_name = '" + table + "'");
                Set<String> nodesOnly = PortableTables.NODES_ONLY.getOrDefault(table, Set.of());
                assertThat(named).as("the nodes' columns of %s are in the schema", table).containsAll(nodesOnly);
                named.removeAll(nodesOnly);
                if (!named.isEmpty()) {
                    columns.put(table, named);
                }
            }
        }

        assertThat(columns).isEqualTo(exported());
    }

    @Test
    void the_schema_version_of_exports_is_the_newest_sqlite_migration() {
        assertThat(PortableTables.SCHEMA_VERSION).as("a migration changed the tables: check PortableTables, then raise it")
                .isEqualTo(SqliteDatabase.NEWEST_MIGRATION);
    }

    private static Map<String, Set<String>> exported() {
        return PortableTables.ALL.stream().collect(Collectors.toMap(PortableTables.Table::name,
                t -> t.columns().stream().map(PortableColumn::name).collect(Collectors.toCollection(TreeSet::new)),
                (a, b) -> a, TreeMap::new));
    }

    private static Set<String> names(Statement sql, String query) throws Exception {
        Set<String> names = new TreeSet<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
