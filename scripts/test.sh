#!/usr/bin/env bash
# npm test: the type check, lint and content check side by side, then every test file, two (or one a core) at a time.
set -uo pipefail
cd "$(dirname "$0")/.."

# The three checks are independent and each mostly one thread, so side by side on two cores they end with the slowest
# (the type-aware ESLint). Each one's output is held until it ends, so it reads as one block rather than interleaved.
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
checks=(typecheck lint check)
pids=()
for check in "${checks[@]}"; do
  npm run --silent "$check" >"$logs/$check" 2>&1 &
  pids+=($!)
done
failed=0
for i in "${!checks[@]}"; do
  if wait "${pids[$i]}"; then echo "✔ npm run ${checks[$i]}"; else echo "✖ npm run ${checks[$i]}" && failed=1; fi
  cat "$logs/${checks[$i]}"
done
[ "$failed" = 0 ] || exit 1

# Node's runner runs each file in a process of its own, by default one fewer at a time than there are cores: one on
# the two-core CI machine, which left a core idle while a file waited on Chromium, a socket or a child process. Every
# file builds its own app on its own ports and temporary folders, so files can run side by side. The slowest (the
# browser tests) start first, so that no long file begins last and runs alone.
cores="$(nproc 2>/dev/null || echo 2)"
exec node --import tsx --test --test-concurrency="$((cores > 2 ? cores : 2))" --test-reporter=spec \
  test/browser/*.test.ts test/http/*.test.ts test/unit/*.test.ts
