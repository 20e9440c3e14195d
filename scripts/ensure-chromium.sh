#!/bin/sh
# The browser tests use Debian's Chromium (tools may not download browsers on these machines).
# Installs it when missing; needs root or sudo, as on a fresh CI machine.
set -e
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
echo "Chromium not found at $CHROMIUM: installing Debian's chromium package..."
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
[ -x "$CHROMIUM" ] || { echo "Chromium still missing at $CHROMIUM; set CHROMIUM_PATH" >&2; exit 1; }
