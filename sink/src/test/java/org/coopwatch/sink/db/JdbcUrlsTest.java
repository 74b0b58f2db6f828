package org.coopwatch.sink.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void masksPasswordsInQueryParametersAndUserInfo() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://h:5432/db?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=****&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://u:s3cret@h:5432/db")).isEqualTo("jdbc:postgresql://u:****@h:5432/db");
        assertThat(JdbcUrls.redact("jdbc:sqlite:/data/coopwatch.db")).isEqualTo("jdbc:sqlite:/data/coopwatch.db");
    }

    @Test
    void migrationScriptsSplitIntoStatementsWithoutComments() {
        var statements = Migrations.statements("-- head; comment\nCREATE TABLE ${prefix}t (a TEXT DEFAULT ';'); -- tail\n"
                + "CREATE INDEX ${prefix}i ON ${prefix}t (a);\n", "p_");
        assertThat(statements).containsExactly("CREATE TABLE p_t (a TEXT DEFAULT ';')", "CREATE INDEX p_i ON p_t (a)");
    }

    @Test
    void everyListedMigrationExistsForEveryDialectInOrder() {
        for (int i = 0; i < Migrations.ALL.size(); i++) {
            assertThat(Migrations.ALL.get(i).version()).isEqualTo(i + 1);
            for (Dialect d : Dialect.values()) {
                assertThat(Migrations.statements(Migrations.script(d, Migrations.ALL.get(i)), "")).isNotEmpty();
            }
        }
    }
}
