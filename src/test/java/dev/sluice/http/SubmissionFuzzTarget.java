package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.SluiceException;
import dev.sluice.config.InputRules;
import dev.sluice.config.InputSpec;
import dev.sluice.config.InputType;
import dev.sluice.config.SluiceConfig;
import dev.sluice.testing.HostileInputs;
import dev.sluice.testing.TestServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for input validation: a JSON body is parsed and each of its values checked against every declared
 * input, or refused with a 4xx; a value is accepted only if it really keeps its input's rules. Nothing else
 * may happen: no other exception, no accepted value outside its bounds.
 */
final class SubmissionFuzzTarget {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final Map<String, InputSpec> inputs;

    SubmissionFuzzTarget(Path dir) {
        SluiceConfig config = TestServer.config(dir, """
                tasks:
                  all:
                    command: [echo]
                    inputs:
                      text: { type: string, max-length: 20, pattern: "[a-z ]*" }
                      free: { type: string, required: false }
                      colour: { type: string, enum: [red, green, "blau\u00e4"], required: false }
                      n: { type: integer, min: -5, max: 10, default: 3 }
                      big: { type: integer, required: false }
                      even: { type: integer, step: 2, required: false }
                      ratio: { type: number, min: 0, max: 1, required: false }
                      dose: { type: number, min: 0.1, max: 2, step: 0.1, required: false }
                      tiny: { type: number, min: -1e-300, max: 1e-300, step: 1e-310, required: false }
                      flag: { type: boolean, default: false }
                      data: { type: file, required: false }
                """);
        this.inputs = config.task("all").orElseThrow().inputs();
    }

    void fuzz(FuzzedDataProvider data) {
        HostileInputs.tried("submission-fuzz");
        JsonNode values;
        if (data.consumeBoolean()) {
            try {
                values = RequestJson.parse(data.consumeRemainingAsBytes()).path("inputs");
            } catch (SluiceException refused) {
                assertThat(refused.status()).isBetween(400, 499);
                assertThat(refused.detail()).isNotBlank();
                return;
            }
        } else {
            values = NODES.objectNode().set("v", value(data, 0));
        }
        for (JsonNode value : values) {
            inputs.forEach((name, spec) -> check(name, spec, value));
        }
    }

    private static void check(String name, InputSpec spec, JsonNode value) {
        String accepted;
        try {
            accepted = InputRules.canonical(name, spec, value);
        } catch (InputRules.InvalidValue refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(accepted).doesNotContain("\0");
        if (spec.type() == InputType.STRING) {
            assertThat(spec.maxLength() == null || accepted.codePointCount(0, accepted.length()) <= spec.maxLength()).isTrue();
            assertThat(spec.allowed().isEmpty() || spec.allowed().contains(accepted)).isTrue();
        }
        if (spec.type().isNumeric()) {
            BigDecimal number = new BigDecimal(accepted);
            assertThat(spec.min() == null || number.compareTo(spec.min()) >= 0).as("%s >= min of %s", accepted, name).isTrue();
            assertThat(spec.max() == null || number.compareTo(spec.max()) <= 0).as("%s <= max of %s", accepted, name).isTrue();
            if (spec.step() != null) {
                assertThat(number.subtract(spec.stepBase()).remainder(spec.step()).signum()).as("%s on the step of %s", accepted, name).isZero();
            }
        }
        if (spec.type() == InputType.BOOLEAN) {
            assertThat(List.of("true", "false")).contains(accepted);
        }
    }

    /** A JSON value of the fuzzer's choosing, built directly so that every kind of node reaches the checks. */
    private static JsonNode value(FuzzedDataProvider data, int depth) {
        return switch (data.consumeInt(0, depth > 3 ? 6 : 8)) {
            case 0 -> NODES.textNode(data.consumeString(100));
            case 1 -> NODES.numberNode(data.consumeLong());
            case 2 -> NODES.numberNode(data.consumeDouble());
            case 3 -> {
                try {
                    yield NODES.numberNode(new BigDecimal(data.consumeAsciiString(60)));
                } catch (NumberFormatException notANumber) {
                    yield NODES.textNode("1e" + data.consumeInt());
                }
            }
            case 4 -> NODES.booleanNode(data.consumeBoolean());
            case 5 -> NODES.nullNode();
            case 6 -> NODES.textNode(data.consumeAsciiString(30).trim());
            case 7 -> NODES.arrayNode().add(value(data, depth + 1));
            default -> NODES.objectNode().set("value", value(data, depth + 1));
        };
    }
}
