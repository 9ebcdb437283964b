"""Finds the JDK and the sbi4j jar as the ``sbi4j`` launcher does, builds the jar when it is
missing or older than a source or POM, and starts the JVM in this process through JPype.

Where the jar comes from, in order: ``$SBI4J_JAR``; ``$SBI4J_HOME/sbi4j-cli/target/sbi4j.jar``;
the source tree this package sits in (``python/sbi4j`` inside the repository), or the working
directory or a parent of it. The JDK: the one
``scripts/find-jdk.sh`` picks (``$JAVA_HOME`` if it is 25 or newer, else the newest under
/usr/lib/jvm, …). Extra JVM options: ``$SBI4J_JAVA_OPTS`` (space-separated), e.g. ``-Xmx8g``.
"""

import os
import shlex
import subprocess
import sys
import tempfile

_INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector"
_started = False


class SetupError(RuntimeError):
    """The JDK, the jar or JPype cannot be found or started."""


def _is_root(d):
    return (os.path.isfile(os.path.join(d, "scripts", "find-jdk.sh"))
            and os.path.isdir(os.path.join(d, "sbi4j-cli")))


def repository_root():
    """The sbi4j source tree: $SBI4J_HOME, else the tree this package sits in (run from the
    source tree), else the working directory or one of its parents (an installed package
    used inside the tree), else None."""
    home = os.environ.get("SBI4J_HOME")
    if home:
        return os.path.abspath(home)
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [os.path.dirname(os.path.dirname(here))]
    d = os.getcwd()
    while True:
        candidates.append(d)
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    for c in candidates:
        if _is_root(c):
            return c
    return None


def find_jdk(root):
    """JAVA_HOME of a JDK >= 25, chosen by scripts/find-jdk.sh (the launcher's rule)."""
    script = os.path.join(root, "scripts", "find-jdk.sh") if root else None
    if script and os.path.isfile(script):
        r = subprocess.run(["bash", "-c", '. "$1" && sbi4j_find_jdk && printf %s "$JAVA_HOME"',
                            "find-jdk", script], capture_output=True, text=True)
        if r.returncode != 0 or not r.stdout:
            raise SetupError(r.stderr.strip() or "scripts/find-jdk.sh found no JDK 25")
        return r.stdout
    home = os.environ.get("JAVA_HOME")
    if home and os.path.isfile(os.path.join(home, "lib", "server", "libjvm.so")):
        return home
    raise SetupError("no JDK found: set JAVA_HOME to a JDK 25 or newer, or SBI4J_HOME to the "
                     "sbi4j source tree")


def _stale(root, jar):
    """True if the jar is missing or older than any src/main file or pom.xml (the launcher's
    test)."""
    if not os.path.isfile(jar):
        return True
    built = os.path.getmtime(jar)
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x not in (".git", "target")]
        main = os.sep + os.path.join("src", "main") in d + os.sep
        for f in files:
            if (main or f == "pom.xml") and os.path.getmtime(os.path.join(d, f)) > built:
                return True
    return False


def build_jar(root, java_home):
    """Builds sbi4j-cli/target/sbi4j.jar with Maven (tests skipped); never inside a timed
    call: ``import sbi4j`` does it once, before anything else."""
    env = dict(os.environ, JAVA_HOME=java_home,
               PATH=os.path.join(java_home, "bin") + os.pathsep + os.environ.get("PATH", ""),
               MAVEN_OPTS=(os.environ.get("MAVEN_OPTS", "")
                           + " --sun-misc-unsafe-memory-access=allow").strip())
    print("sbi4j: building the library jar (first run or sources changed)...", file=sys.stderr)
    r = subprocess.run(["mvn", "-B", "-q", "-ntp", "-DskipTests", "-pl", "sbi4j-cli", "-am",
                        "package"], cwd=root, env=env)
    if r.returncode != 0:
        raise SetupError("the Maven build of sbi4j-cli failed; see its output above")


def locate():
    """(java_home, jar), building the jar when it is missing or stale."""
    jar = os.environ.get("SBI4J_JAR")
    root = repository_root()
    java_home = find_jdk(root)
    if jar:
        if not os.path.isfile(jar):
            raise SetupError("SBI4J_JAR=%s does not exist" % jar)
        return java_home, jar
    if root is None:
        raise SetupError("cannot find the sbi4j jar: set SBI4J_HOME to the sbi4j source tree "
                         "or SBI4J_JAR to sbi4j-cli/target/sbi4j.jar")
    jar = os.path.join(root, "sbi4j-cli", "target", "sbi4j.jar")
    if _stale(root, jar):
        build_jar(root, java_home)
    return java_home, jar


def _jpype_jar(jpype):
    """JPype's own support jar: beside its native module (pip) or in /usr/share/java (Debian,
    where JPype 1.4.1 does not find it by itself)."""
    import _jpype
    for candidate in (os.path.join(os.path.dirname(_jpype.__file__), "org.jpype.jar"),
                      os.path.join(os.path.dirname(jpype.__file__), "org.jpype.jar"),
                      "/usr/share/java/org.jpype.jar"):
        if os.path.isfile(candidate):
            return candidate
    raise SetupError("JPype's org.jpype.jar not found (is python3-jpype installed?)")


def _libjvm(java_home):
    for rel in (("lib", "server", "libjvm.so"), ("lib", "server", "libjvm.dylib"),
                ("bin", "server", "jvm.dll")):
        p = os.path.join(java_home, *rel)
        if os.path.isfile(p):
            return p
    raise SetupError("no libjvm in the JDK at %s" % java_home)


def start():
    """Starts the JVM once per process (later calls do nothing)."""
    global _started
    if _started:
        return
    try:
        import jpype
    except ImportError as e:
        raise SetupError("sbi4j needs JPype: apt-get install python3-jpype (and run Debian's "
                         "/usr/bin/python3)") from e
    if jpype.isJVMStarted():
        _started = True
        return
    java_home, jar = locate()
    options = ["--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
               "-XX:+UseParallelGC", "-Djava.awt.headless=true"]
    options += shlex.split(os.environ.get("SBI4J_JAVA_OPTS", ""))
    captured = _stderr_filtered()
    try:
        with captured:
            jpype.startJVM(_libjvm(java_home), *options,
                           classpath=[_jpype_jar(jpype), jar], convertStrings=False)
    except (RuntimeError, OSError, SystemError) as e:
        said = " ".join(captured.lines) or str(e)
        raise SetupError("the JVM of %s did not start with options %s: %s"
                         % (java_home, " ".join(options), said)) from e
    _started = True


class _stderr_filtered:
    """Drops the JVM's one-line incubator notice from file descriptor 2 while the JVM starts;
    everything else written there is passed on."""

    def __enter__(self):
        sys.stderr.flush()
        self._saved = os.dup(2)
        self._tmp = tempfile.TemporaryFile()
        os.dup2(self._tmp.fileno(), 2)
        return self

    def __exit__(self, *exc):
        os.dup2(self._saved, 2)
        os.close(self._saved)
        self._tmp.seek(0)
        self.lines = [line for line in self._tmp.read().decode(errors="replace").splitlines()
                      if line.strip() != _INCUBATOR_NOTICE]
        for line in self.lines:
            print(line, file=sys.stderr)
        self._tmp.close()
        return False
