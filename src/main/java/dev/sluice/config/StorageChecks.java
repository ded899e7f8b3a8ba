package dev.sluice.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/** What makes `storage`'s database settings unusable: a URL that is not PostgreSQL's, or a password given twice. */
final class StorageChecks {

    private StorageChecks() {
    }

    static void check(StorageConfig storage, BiConsumer<String, String> problem) {
        String database = storage.database();
        boolean embedded = StorageConfig.EMBEDDED.equals(database);
        if (!embedded && !DatabaseUrl.namesPostgres(database)) {
            problem.accept("/storage/database", "must be 'embedded' (SQLite in data-dir, one node) or a PostgreSQL URL "
                    + "such as postgresql://db.example:5432/sluice?user=sluice");
            return;
        }
        boolean passwordInUrl = false;
        if (!embedded) {
            switch (DatabaseUrl.parse(database)) {
                case DatabaseUrl.Result.Refused refused -> problem.accept("/storage/database", refused.reason());
                case DatabaseUrl.Result.Parsed parsed -> passwordInUrl = parsed.url().password().isPresent();
            }
            if (storage.durability() == StorageConfig.Durability.POWER_LOSS) {
                problem.accept("/storage/durability", "power-loss applies to the embedded database; with PostgreSQL "
                        + "the server's synchronous_commit decides what a commit survives");
            }
        }
        int passwords = (passwordInUrl ? 1 : 0) + (storage.password() != null ? 1 : 0) + (storage.passwordFile() != null ? 1 : 0);
        if (embedded && passwords > 0) {
            problem.accept(storage.password() != null ? "/storage/password" : "/storage/password-file",
                    "is only used with a PostgreSQL database; storage.database is embedded");
        } else if (passwords > 1) {
            problem.accept(storage.passwordFile() != null ? "/storage/password-file" : "/storage/password",
                    "the password is given in more than one place (URL, password or SLUICE_STORAGE_PASSWORD, "
                            + "password-file); keep one");
        }
        if (!embedded && storage.passwordFile() != null) {
            Path file = Path.of(storage.passwordFile());
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                problem.accept("/storage/password-file", "'" + storage.passwordFile() + "' is not a readable file");
            }
        }
    }
}
