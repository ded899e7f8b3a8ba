package dev.sluice.cli;

/**
 * The line `sluice jobs` prints on stderr when it lists nothing: whose jobs it asked for, and how to see the jobs
 * of others. why: a job submitted with curl or from a browser has another token; the server answers an empty list
 * rather than say that other jobs exist (in token mode not even their existence may leak), so only the CLI can say
 * why a job someone expected is not there.
 */
final class MissingJobsHint {

    private MissingJobsHint() {
    }

    static String of(ApiClient client) {
        String whose = switch (client.tokenSource()) {
            case GIVEN -> "no jobs listed for the token given by --token or $SLUICE_TOKEN.";
            case REMEMBERED -> "no jobs listed for the token remembered for " + client.server() + " in " + client.tokenFile() + ".";
            case NONE -> "no jobs listed: there is no token for " + client.server() + " in " + client.tokenFile()
                    + " yet (sluice submit gets one), so no job is this caller's.";
        };
        return "sluice jobs: " + whose + " Only the caller's own jobs are listed (every job when the server is public with"
                + " server.auth.list-all: true); jobs submitted with another token (curl, a browser) or by a schedule are"
                + " not: send their token with --token, or list every job as the admin with --user NAME.";
    }
}
