# Helpers for the end-to-end tests; each test is a POSIX sh script run with
# MSTRESS (the binary), ROOT (the project) and WORK (a fresh directory).
set -eu
die() { echo "$*" >&2; exit 1; }
# expect_in FILE TEXT: FILE holds TEXT.
expect_in() { grep -qF -- "$2" "$1" || die "$1 lacks: $2"; }
# snapshot DIR: a checksum list of every file in DIR.
snapshot() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs -r sha256sum); }
