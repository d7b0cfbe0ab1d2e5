#!/bin/sh
# Builds apps' production bundles the way the image does:
#   sh docker/build-app.sh <output root> <app>...   ->  <output root>/<app>/main.js
#   and <output root>/job-step/job-step-main.js, the entry point every image runs the app through
# Each app's Nx target (apps/<app>/project.json, @nx/esbuild) transpiles the
# app and the workspace libs it uses in the workspace layout, so each module's
# __dirname-relative .sql files sit where they did, and writes a package.json
# and pruned lock file of the npm packages it imports. Specs and test doubles
# are dropped: production code never loads them (module boundaries).
set -eu
out="${1:?usage: build-app.sh <output root> <app>...}"
shift
test "$#" -gt 0 || { echo "usage: build-app.sh <output root> <app>..." >&2; exit 2; }
projects=$(echo "$@" | tr ' ' ',')
npx nx run-many --targets=build --projects="$projects" --parallel=2 --skip-nx-cache --outputStyle=static >/dev/null
# Every image's entry point: job-step runs the app and records its job in
# ops.pipeline_runs (apps/orchestrator/src/batch-job-step.ts).
npx nx run orchestrator:build-job-step --skip-nx-cache --outputStyle=static >/dev/null
set -- "$@" job-step
for app in "$@"; do
  rm -rf "${out:?}/$app"
  mkdir -p "$out"
  cp -R "dist/apps/$app" "$out/$app"
  find "$out/$app" \( -name '*.spec.js' -o -name '*.suite.js' -o -name 'testing.js' -o -path '*/testing/*' \) -exec rm -rf {} +
  test -f "$out/$app/main.js" || test -f "$out/$app/job-step-main.js"
done
