package dev.sluice.demo;

/** A problem the user caused, such as bad arguments or an undecodable input; reported as one sentence with exit code 2. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String sentence) {
        // No stack trace: the message is all the user ever sees, so capturing one is wasted work.
        super(sentence, null, false, false);
    }
}
