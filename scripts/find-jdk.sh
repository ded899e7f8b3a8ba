# Sourced by ./sluice and ./run-tests: sets JAVA_HOME (and JDK_MAJOR) to a JDK of version 21 or newer, or says why it
# cannot.
# Order: $JAVA_HOME when it is new enough, then the newest JDK under /usr/lib/jvm, then javac on the PATH.

jdk_major() {
    # prints the major version of the JDK at $1, or nothing when $1 is not a JDK
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    local version=""
    # why: starting a JVM only to ask its version cost about 0.15 s per JDK installed, on every command; every JDK
    # since 9 (and most 8s) writes its version in a `release` file beside bin/
    if [ -r "$1/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$1/release" | head -n 1)
    fi
    if [ -z "$version" ]; then
        version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = \([0-9][0-9.]*\).*/\1/p' | head -n 1)
    fi
    case "$version" in
        1.*) version=${version#1.} ;;   # 1.8.0_402 is Java 8
    esac
    echo "${version%%.*}"
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
