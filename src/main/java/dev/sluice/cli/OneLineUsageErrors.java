package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Wrong usage as one line on stderr and exit code 2, instead of the error followed by the whole usage help. */
final class OneLineUsageErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException wrong, String[] args) {
        CommandLine command = wrong.getCommandLine();
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + wrong.getMessage()
                + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
