# Sourced by ./sbi4j, ./run-tests and .ci/run: finds a JDK >= 25 and exports JAVA_HOME.
# Order: $JAVA_HOME if it is new enough, then the JVMs installed under /usr/lib/jvm,
# /usr/local/lib/jvm, /opt and ~/.sdkman, newest first. Prints a clear message and
# returns 1 when there is none.
sbi4j_required_java=25

sbi4j_java_major() { # prints the feature version of the JDK at $1, or nothing
  local home=$1 line
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  if [ -f "$home/release" ]; then
    line=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$line" ]; then
    line=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  [ -n "$line" ] && echo "$line"
}

sbi4j_find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(sbi4j_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge "$sbi4j_required_java" ]; then
      export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
    echo "note: JAVA_HOME=$JAVA_HOME is not a JDK $sbi4j_required_java or newer; looking for one" >&2
  fi
  for candidate in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/*jdk* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$candidate" ] || continue
    major=$(sbi4j_java_major "$candidate") || continue
    if [ -n "$major" ] && [ "$major" -ge "$sbi4j_required_java" ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate; best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "error: sbi4j needs a JDK $sbi4j_required_java or newer (with javac); none found in JAVA_HOME or /usr/lib/jvm. Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME=$best PATH="$best/bin:$PATH"
}
