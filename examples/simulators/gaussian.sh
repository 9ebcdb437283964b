#!/bin/sh
# A Gaussian simulator for sbi4j's external-simulator protocol in plain POSIX shell + awk.
#
#   x = theta + SD * z,  z ~ N(0, I)  (x_dim = theta_dim)
#   usage: sh gaussian.sh [SD]        (SD defaults to 0.1)
#
# Reads one JSON request line per batch from stdin,
#   {"indices": [...], "seeds": [...], "theta": [[...], ...]}
# and answers one line {"x": [[...], ...]} on stdout. Each row draws from awk's generator
# seeded with the row's seed (reduced modulo 2^31 - 1, as awk seeds are small), so results do
# not depend on batching. One awk process per batch keeps the script free of buffering issues.
sd=${1:-0.1}
while IFS= read -r line; do
  [ -z "$line" ] && continue
  printf '%s\n' "$line" | awk -v sd="$sd" '
  function field(name,   s) {          # the text between "name":[ and its closing bracket
    s = $0
    sub(".*\"" name "\":\\[", "", s)
    return s
  }
  {
    gsub(/[ \t]/, "")
    seeds = field("seeds"); sub(/\].*/, "", seeds)
    n = split(seeds, seed, ",")
    theta = field("theta"); sub(/\]\]\}.*/, "", theta); sub(/^\[/, "", theta)
    split(theta, rows, "\\],\\[")
    out = "{\"x\": ["
    for (i = 1; i <= n; i++) {
      srand(seed[i] % 2147483647)
      d = split(rows[i], t, ",")
      out = out (i > 1 ? ", [" : "[")
      for (j = 1; j <= d; j++) {
        u1 = 1 - rand(); u2 = rand()
        z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2)
        out = out (j > 1 ? ", " : "") sprintf("%.9g", t[j] + sd * z)
      }
      out = out "]"
    }
    print out "]}"
  }'
done
