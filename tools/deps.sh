#!/bin/sh
# Checks that the Debian packages mstress builds and tests with are
# installed; installs the missing ones when run as root, otherwise prints the
# exact command and fails.
set -eu
PKGS="build-essential pkg-config libcurl4-openssl-dev libxml2-dev libcairo2-dev
libhpdf-dev libjansson-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
libfreetype-dev libpng-dev libgmime-3.0-dev tzdata"
# What the tests use to look at the outputs, recompute the statistics and
# inject faults (strace).
if [ "${1:-}" = "--test" ]; then
	PKGS="$PKGS qpdf poppler-utils python3 python3-numpy python3-aiosmtpd strace"
	# the HTML checker runs on Java; any JRE on the PATH will do
	command -v java > /dev/null 2>&1 || PKGS="$PKGS default-jre-headless"
	# the page in a real browser: Chromium, driven by playwright-core on Node
	# (npm fetches the HTML checker and playwright-core)
	PKGS="$PKGS chromium"
	command -v npm > /dev/null 2>&1 || PKGS="$PKGS nodejs npm"
fi
# What the benchmark uses: the peers' data generator and pandas + matplotlib peer.
if [ "${1:-}" = "--bench" ]; then
	PKGS="python3 python3-numpy python3-pandas python3-matplotlib time"
fi
# The fuzzers: clang with its libFuzzer runtime.
if [ "${1:-}" = "--fuzz" ]; then
	PKGS="clang libclang-rt-14-dev"
fi
missing=""
for p in $PKGS; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends $missing
else
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run: sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
