# Two builds with the same inputs and as-of date give byte-identical files.
. "$ROOT/tests/lib.sh"
"$MSTRESS" build -q --out "$WORK/a"
"$MSTRESS" build -q --out "$WORK/b"
snapshot "$WORK/a" > "$WORK/a.sum"
snapshot "$WORK/b" > "$WORK/b.sum"
diff "$WORK/a.sum" "$WORK/b.sum" || die "two runs differ"
[ "$(wc -l < "$WORK/a.sum")" -eq 8 ] || die "expected 8 output files, got $(wc -l < "$WORK/a.sum")"
