# Sourced by ./sluice and ./run-tests: sets JAVA_HOME to a JDK of version 21 or newer, or says why it cannot.
# Order: $JAVA_HOME when it is new enough, then the newest JDK under /usr/lib/jvm, then javac on the PATH.

jdk_major() {
    # prints the major version of the JDK at $1, or nothing when $1 is not a JDK
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

find_jdk() {
    local best="" best_major=0 candidate major
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
        [ -n "$candidate" ] && [ -d "$candidate" ] || continue
        major=$(jdk_major "$candidate")
        [ -n "$major" ] || continue
        if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then
            best=$candidate; best_major=$major; break
        fi
        if [ "$major" -gt "$best_major" ]; then
            best=$candidate; best_major=$major
        fi
    done
    if [ "$best_major" -lt 21 ]; then
        echo "sluice: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm); install one and set JAVA_HOME." >&2
        return 1
    fi
    export JAVA_HOME=$best
}
