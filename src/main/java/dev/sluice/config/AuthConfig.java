package dev.sluice.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Who may read which job. With `submit: public` the unguessable job id is the capability: whoever holds it may
 * read and cancel that job, as OGC API clients expect. With `submit: token` only the submitter (by its token)
 * or the admin may. Either way the job list shows a caller only its own jobs, unless `list-all` opens it.
 */
public record AuthConfig(SubmitMode submit, Boolean listAll, AdminCredentials admin) {

    /** How a job is protected from other submitters. */
    public enum SubmitMode {
        @JsonProperty("public") PUBLIC,
        @JsonProperty("token") TOKEN
    }

    /** The admin's HTTP Basic credentials; the password only as a hash (`sluice hash-password` makes one). */
    public record AdminCredentials(String user, String passwordHash) {
    }

    public AuthConfig {
        submit = submit == null ? SubmitMode.PUBLIC : submit;
        listAll = listAll != null && listAll;
    }

    public Optional<AdminCredentials> adminIfAny() {
        return Optional.ofNullable(admin);
    }
}
