package dev.sluice.worker;

import dev.sluice.config.TaskConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a task's command template into the argument vector of one job. Values are substituted into single
 * arguments and never pass through a shell, so no input can inject a command.
 */
final class ArgumentVector {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_-]+)}");

    private ArgumentVector() {
    }

    /**
     * {@code {out}} becomes the output folder, {@code {name}} the input's value, or for a file input the path
     * of the uploaded file. An argument that is only the placeholder of an input not sent is left out.
     */
    static List<String> build(TaskConfig task, Map<String, String> inputs, JobFolder folder) {
        List<String> argv = new ArrayList<>();
        for (String template : task.command()) {
            Matcher whole = PLACEHOLDER.matcher(template);
            if (whole.matches() && !whole.group(1).equals("out") && !inputs.containsKey(whole.group(1))) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder arg = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(arg, Matcher.quoteReplacement(valueOf(m.group(1), task, inputs, folder)));
            }
            m.appendTail(arg);
            argv.add(arg.toString());
        }
        return argv;
    }

    private static String valueOf(String name, TaskConfig task, Map<String, String> inputs, JobFolder folder) {
        if (name.equals("out")) {
            return folder.out().toString();
        }
        String value = inputs.getOrDefault(name, "");
        boolean isFile = task.inputs().containsKey(name) && task.inputs().get(name).type().isUpload();
        return isFile && !value.isEmpty() ? folder.in().resolve(value).toString() : value;
    }
}
