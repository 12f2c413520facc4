# make install puts the binary, templates, fonts, the embedded data and the
# man page under DESTDIR/PREFIX; the installed binary finds its files from
# anywhere; --templates points it at a user's own; make uninstall removes all.
. "$ROOT/tests/lib.sh"
root="$WORK/root"
make -s -C "$ROOT" install DESTDIR="$root" PREFIX=/usr > "$WORK/make.log" 2>&1 || die "make install: $(tail -n 5 "$WORK/make.log")"
for f in bin/mstress share/man/man1/mstress.1 share/mstress/templates/report.md \
	share/mstress/fonts/DejaVuSans.ttf share/mstress/fonts/LICENSE share/mstress/data/default.ini; do
	[ -f "$root/usr/$f" ] || die "not installed: $f"
done
cd "$WORK"
env -u MSTRESS_HOME "$root/usr/bin/mstress" build -q --out "$WORK/out" || die "the installed binary cannot build"
expect_in "$WORK/out/report.md" "## Key figures"
# the user's own templates
mkdir -p "$WORK/mine"
cp "$root/usr/share/mstress/templates/"* "$WORK/mine/"
sed -i 's/^## Key figures$/## The figures that matter/' "$WORK/mine/report.md"
env -u MSTRESS_HOME "$root/usr/bin/mstress" build -q --templates "$WORK/mine" --out "$WORK/out2"
expect_in "$WORK/out2/report.md" "## The figures that matter"
# the man page renders and covers every command, the environment and the exit statuses
MANWIDTH=80 man -l "$root/usr/share/man/man1/mstress.1" 2> "$WORK/man.err" | tr -s " " > "$WORK/man.txt" || die "man failed"
[ ! -s "$WORK/man.err" ] || die "man warns: $(cat "$WORK/man.err")"
for s in "SYNOPSIS" "mstress build" "mstress check" "mstress render" "config --print" "EXIT STATUS" \
	"MSTRESS_HOME" "SOURCE_DATE_EPOCH" "NO_COLOR" "--site-url" "--jobs" "--templates" "mstress mail" "MSTRESS_SMTP_USER" \
	"mstress fetch" "--offline" "XDG_CACHE_HOME"; do
	expect_in "$WORK/man.txt" "$s"
done
make -s -C "$ROOT" uninstall DESTDIR="$root" PREFIX=/usr > /dev/null 2>&1
[ -z "$(find "$root" -type f)" ] || die "left behind: $(find "$root" -type f | head -n 3)"
