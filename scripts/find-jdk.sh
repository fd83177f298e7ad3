# Sourced by ./taunet, scripts/test and .ci/run: exports JAVA_HOME pointing at a JDK >= 21
# (taunet is built and tested with JDK 25) and puts its bin/ first on PATH.
# Order: $JAVA_HOME, then JDKs in /usr/lib/jvm (newest first), then the `java` on PATH.

taunet_jdk_major() {  # prints the major version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

taunet_find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do candidates+=("${c%/}"); done
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for c in "${candidates[@]}"; do
    v=$(taunet_jdk_major "$c")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "taunet: no JDK >= 21 found (looked at \$JAVA_HOME, /usr/lib/jvm/*, and javac on PATH)." >&2
  echo "taunet: install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}

# Maven 3.8's bundled Guava calls sun.misc.Unsafe, which JDK >= 24 warns about on every build.
taunet_quiet_maven() {
  local v; v=$(taunet_jdk_major "$JAVA_HOME")
  if [ -n "$v" ] && [ "$v" -ge 24 ]; then export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi
}
