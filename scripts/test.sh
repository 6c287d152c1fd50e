#!/usr/bin/env bash
# Sets up what is missing, then builds and runs the whole test suite (NUnit on Microsoft.Testing.Platform).
#   scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
cd "$root"
exec dotnet test --project tests/GdpoRealtime.Tests.csproj -c Release "$@"
