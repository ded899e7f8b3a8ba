package dev.sluice.cli;

import dev.sluice.config.ConfigSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `sluice schema`: prints the JSON Schema of sluice.yaml, for editors that complete and check YAML. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        header = "Print the JSON Schema of sluice.yaml, for editors.",
        description = {"Print the JSON Schema (draft-07) of sluice.yaml: every key, its type, default",
                "and meaning, for editors with the YAML language server. To use it:",
                "  sluice schema > sluice.schema.json",
                "and make this the first line of sluice.yaml:",
                "  # yaml-language-server: $schema=./sluice.schema.json",
                "The schema checks each value's shape; `sluice check` also checks files,",
                "folders, the queues and inputs a key names, and the preflights."})
final class SchemaCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.print(ConfigSchema.json());
        System.out.flush();
        return 0;
    }
}
