# Sourced by ./sluice and ./run-tests: sets JAVA_HOME (and JDK_MAJOR) to a JDK of version 21 or newer, or says why it
# cannot.
# Order: $JAVA_HOME when it is new enough, then the newest JDK under /usr/lib/jvm, then javac on the PATH.

jdk_major() {
    # sets MAJOR to the major version of the JDK at $1, or to nothing when $1 is not a JDK
    MAJOR=""
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    local version="" line
    # why: starting a JVM only to ask its version cost about 0.15 s per JDK installed, on every command; every JDK
    # since 9 (and most 8s) writes its version in a `release` file beside bin/. Read with builtins only: each
    # program started here (sed, head, a subshell) cost about 15 ms on a small VM, on every command.
    if [ -r "$1/release" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            if [[ $line =~ ^JAVA_VERSION=\"([0-9][0-9.]*) ]]; then
                version=${BASH_REMATCH[1]}
                break
            fi
        done < "$1/release"
    fi
    if [ -z "$version" ]; then
        version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = \([0-9][0-9.]*\).*/\1/p' | head -n 1)
    fi
    case "$version" in
        1.*) version=${version#1.} ;;   # 1.8.0_402 is Java 8
    esac
    MAJOR=${version%%.*}
}

javac_home() {
    # prints the JDK folder of the javac on the PATH, if any
    local javac
    javac=$(command -v javac 2>/dev/null) || return 0
    dirname "$(dirname "$(readlink -f "$javac")")"
}

find_jdk() {
    local best="" best_major=0 candidate
    if [ -n "${JAVA_HOME:-}" ] && [ -d "$JAVA_HOME" ]; then
        jdk_major "$JAVA_HOME"
        if [ -n "$MAJOR" ] && [ "$MAJOR" -ge 21 ]; then
            JDK_MAJOR=$MAJOR
            export JAVA_HOME
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/*; do
        [ -d "$candidate" ] || continue
        jdk_major "$candidate"
        if [ -n "$MAJOR" ] && [ "$MAJOR" -gt "$best_major" ]; then
            best=$candidate; best_major=$MAJOR
        fi
    done
    if [ "$best_major" -lt 21 ]; then
        candidate=$(javac_home)
        if [ -n "$candidate" ] && [ -d "$candidate" ]; then
            jdk_major "$candidate"
            if [ -n "$MAJOR" ] && [ "$MAJOR" -gt "$best_major" ]; then
                best=$candidate; best_major=$MAJOR
            fi
        fi
    fi
    if [ "$best_major" -lt 21 ]; then
        echo "sluice: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm); install one and set JAVA_HOME." >&2
        return 1
    fi
    export JAVA_HOME=$best
    JDK_MAJOR=$best_major
}

maven_quiet_opts() {
    # prints MAVEN_OPTS that keep the Maven of Debian 12 from warning on JDK 23+ about its guava's sun.misc.Unsafe
    # calls (JEP 471): the notices are for guava's maintainers and read as a failure to a newcomer; JDK 21 and 22
    # do not know the option and need nothing
    if [ "${JDK_MAJOR:-0}" -ge 23 ]; then
        echo "${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    else
        echo "${MAVEN_OPTS:-}"
    fi
}
