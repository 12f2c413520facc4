# mstress mail: the messages' structure, headers and attachment (dry run),
# then delivery to a real SMTP server on 127.0.0.1: a refused recipient, a
# server that goes away mid-list, reruns that send only what is missing,
# a server slow or silent at the message's end and a run killed mid-send
# (never sent twice without saying so), and no plain-text SMTP unless asked.
. "$ROOT/tests/lib.sh"
pids=""
trap 'for p in $pids; do kill "$p" 2> /dev/null || true; done' EXIT
start_server() {   # OUTDIR [args...]: starts one, sets PORT
	dir=$1
	shift
	mkdir -p "$dir"
	rm -f "$WORK/port"
	/usr/bin/python3 "$ROOT/tests/smtp_server.py" "$dir" "$WORK/port" "$@" > "$WORK/server.log" 2>&1 &
	pids="$pids $!"
	i=0
	while [ ! -f "$WORK/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ -f "$WORK/port" ] || die "the SMTP server did not start: $(cat "$WORK/server.log")"
	PORT=$(cat "$WORK/port")
}
cat > "$WORK/to.csv" <<'CSV'
email,name
alice@example.org,Alice Adams
"bob@example.org","Müller, Zoë"
carol@example.org,Carol Chen
CSV
out="$WORK/out"
"$MSTRESS" mail -q --to "$WORK/to.csv" --dry-run --out "$out"
[ "$(ls "$out/mail/"*.eml | wc -l)" -eq 3 ] || die "expected 3 messages"
/usr/bin/python3 - "$out" <<'PY'
import email, email.policy, glob, json, re, sys
out = sys.argv[1]
pdf = open(f"{out}/report.pdf", "rb").read()
ids = set()
for path in sorted(glob.glob(f"{out}/mail/*.eml")):
    raw = open(path, "rb").read()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "CRLF line ends"
    m = email.message_from_bytes(raw, policy=email.policy.default)
    assert m.get_content_type() == "multipart/mixed"
    alt, att = m.get_payload()
    assert alt.get_content_type() == "multipart/alternative"
    plain, rel = alt.get_payload()
    assert plain.get_content_type() == "text/plain" and rel.get_content_type() == "multipart/related"
    html = rel.get_payload()[0]
    assert html.get_content_type() == "text/html"
    body = html.get_content()
    cids = {p["Content-ID"].strip("<>") for p in rel.get_payload()[1:]}
    refs = set(re.findall(r'src="cid:([^"]+)"', body))
    assert refs and refs <= cids, (refs, cids)
    assert all(re.search(r'<img [^>]*alt="[^"]+"', t) for t in re.findall(r"<img [^>]*>", body))
    assert "<svg" not in body
    # styles are inline; the one style sheet, in the head, only swaps in the
    # phone's charts on a narrow screen: a client that drops it shows the wide
    # charts once each (the narrow ones are hidden inline)
    sheets = re.findall(r"<style>(.*?)</style>", body, re.S)
    assert len(sheets) == 1 and body.index("<style>") < body.index("</head>"), sheets
    assert re.sub(r"/\*.*?\*/", "", sheets[0], flags=re.S).strip().startswith("@media only screen and (max-width: 520px)")
    narrow = re.findall(r'<div class="chart-narrow" style="([^"]*)"><img src="cid:([^"]+)-phone\.png@mstress"', body)
    wide = re.findall(r'<div class="chart-wide"><img src="cid:([^"]+)\.png@mstress"', body)
    assert wide and [n for _, n in narrow] == wide and all("display:none" in st for st, _ in narrow), (wide, narrow)
    # the PDF named for the publisher and the day; the Date of a dry run is the as-of day
    assert att.get_content_type() == "application/pdf"
    assert att.get_filename() == "market-stress-research-2026-02-06.pdf", att.get_filename()
    assert att.get_content() == pdf, "the PDF attachment is the report"
    assert m["Date"] == "Fri, 06 Feb 2026 00:00:00 +0000"
    # the subject: at most 60 characters, with the headline figure of stats.json
    st = json.load(open(f"{out}/stats.json"))
    subject = m["Subject"]
    assert len(subject) <= 60 and subject == st["editorial"]["subject"], subject
    assert st["primary"]["drawdown_from_ath"]["magnitude"].split(".")[0] in subject, subject
    # the publisher's headers: sender, replies, one-click unsubscribe (RFC 8058)
    assert m["From"].addresses[0].addr_spec == st["publisher"]["from"] == "reports@example.org"
    assert m["From"].addresses[0].display_name == "Market Stress Research"
    assert m["Reply-To"].addresses[0].addr_spec == "research@example.org"
    assert m["List-Unsubscribe"] == "<https://example.org/unsubscribe>"
    assert m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # a hidden preheader first in the body, and a footer with the ways out
    pre = re.search(r'<body[^>]*>\s*<div style="display:none;[^"]*">([^<]+)</div>', body)
    assert pre and pre.group(1).startswith("Bitcoin closed at $70,544 on 6 February 2026"), body[:600]
    for text in ("https://example.org/unsubscribe", "Unsubscribe", "not investment advice", 'href="https://example.org/"'):
        assert text in body, text
    assert "Unsubscribe: https://example.org/unsubscribe" in plain.get_content()
    for t in st["editorial"]["takeaways"]:
        assert t["text"] in plain.get_content(), t["text"]
    ids.add(m["Message-ID"])
    to = m["To"]
    assert "Dear " + to.addresses[0].display_name in plain.get_content()
bob = open(glob.glob(f"{out}/mail/02-*.eml")[0], "rb").read()
assert b"=?" in bob.split(b"\r\n\r\n")[0], "the non-ASCII name is RFC 2047 encoded"
assert len(ids) == 3, "a Message-ID per recipient"
PY
cp -r "$out/mail" "$WORK/first"
"$MSTRESS" mail -q --to "$WORK/to.csv" --dry-run --out "$out"
diff -r "$WORK/first" "$out/mail" > /dev/null || die "a rerun gives other bytes"
# the template names the charts the message carries: another chart is attached,
# one the report does not draw is an error naming the template
cp -r "$ROOT/templates" "$WORK/tpl"
sed -i 's/cid:underwater\(-phone\)\{0,1\}\.png@mstress/cid:stress\1.png@mstress/g' "$WORK/tpl/email.html"
"$MSTRESS" mail -q --to "$WORK/to.csv" --dry-run --out "$WORK/other" --templates "$WORK/tpl"
/usr/bin/python3 - "$WORK/other" "$out" <<'PY'
import email, email.policy, glob, sys
def images(out):
    m = email.message_from_bytes(open(sorted(glob.glob(f"{out}/mail/*.eml"))[0], "rb").read(),
                                 policy=email.policy.default)
    rel = m.get_payload()[0].get_payload()[1]
    return {p["Content-ID"].strip("<>"): p.get_content() for p in rel.get_payload()[1:]}
got, first = images(sys.argv[1]), images(sys.argv[2])
assert sorted(got) == ["price-phone.png@mstress", "price.png@mstress", "stress-phone.png@mstress",
                       "stress.png@mstress"], sorted(got)
assert sorted(first) == ["price-phone.png@mstress", "price.png@mstress", "underwater-phone.png@mstress",
                         "underwater.png@mstress"], sorted(first)
# each laid out for where it is read: the email's (440 pt at 2x, larger type than
# the page's charts/stress.png at 510 pt) and a phone's (340 pt at 2x)
width = lambda png: int.from_bytes(png[16:20], "big")
assert (width(got["stress.png@mstress"]), width(got["stress-phone.png@mstress"])) == (880, 680)
assert width(open(f"{sys.argv[1]}/charts/stress.png", "rb").read()) == 1020
assert got["price.png@mstress"] == first["price.png@mstress"] != got["stress.png@mstress"]
PY
sed -i 's/cid:stress.png@mstress/cid:nonesuch.png@mstress/g' "$WORK/tpl/email.html"
expect_exit 1 "$WORK/tpl.err" "$MSTRESS" mail -q --to "$WORK/to.csv" --dry-run --out "$WORK/other" --templates "$WORK/tpl"
expect_in "$WORK/tpl.err" "$WORK/tpl/email.html: error: the email shows the chart 'nonesuch', which this report does not draw"
# a content id that is not a chart's PNG
sed -i 's/cid:nonesuch.png@mstress/cid:price.gif@mstress/g' "$WORK/tpl/email.html"
expect_exit 1 "$WORK/tpl.err" "$MSTRESS" mail -q --to "$WORK/to.csv" --dry-run --out "$WORK/other" --templates "$WORK/tpl"
expect_in "$WORK/tpl.err" "$WORK/tpl/email.html: error: the email shows cid:price.gif@mstress: a chart's reads cid:CHART.png@mstress"
# a line break in a name would be a header of its own: refused
printf 'email,name\n"eve@example.org","Eve\r\nBcc: all@example.org"\n' > "$WORK/evil.csv"
if "$MSTRESS" mail -q --to "$WORK/evil.csv" --dry-run --out "$WORK/evil" 2> "$WORK/err"; then die "CR/LF accepted"; fi
expect_in "$WORK/err" "evil.csv:2:"
# every recipient is checked before anything is built or sent: a Latin-1 name
# (not UTF-8) and an address too long for SMTP are errors at their line
printf 'email,name\nann@example.org,Ann\nbob@example.org,Jos\351\n' > "$WORK/latin1.csv"
expect_exit 1 "$WORK/latin1.err" "$MSTRESS" mail -q --to "$WORK/latin1.csv" --dry-run --out "$WORK/latin1"
expect_in "$WORK/latin1.err" "latin1.csv:3:1: error: 'bob@example.org': not UTF-8 (save the file as UTF-8)"
[ ! -e "$WORK/latin1" ] || die "a message was made before the recipients were checked"
/usr/bin/python3 -c "print('email,name'); print('a' * 300 + '@example.org,Long')" > "$WORK/long.csv"
expect_exit 1 "$WORK/longaddr.err" "$MSTRESS" mail -q --to "$WORK/long.csv" --dry-run --out "$WORK/longaddr"
expect_in "$WORK/longaddr.err" "long.csv:2:1: error: '$(printf 'a%.0s' $(seq 60))…': an address longer than the 254 bytes SMTP carries"
expect_in "$WORK/err" "a line break"

# delivery: Bob is refused; the others arrive, once
start_server "$WORK/inbox" --reject bob@example.org
set +e
"$MSTRESS" mail -q --to "$WORK/to.csv" --smtp "smtp://127.0.0.1:$PORT" --smtp-insecure --pause 0 --out "$out" > "$WORK/run1.txt" 2> "$WORK/run1.err"
code=$?
set -e
[ $code -eq 4 ] || die "a refused recipient must exit 4, not $code: $(cat "$WORK/run1.err")"
expect_in "$WORK/run1.txt" "not delivered: bob@example.org"
expect_in "$WORK/run1.txt" "2 delivered, 0 already delivered before, 1 not delivered"
expect_in "$WORK/run1.err" "550"
[ "$(ls "$WORK/inbox" | wc -l)" -eq 2 ] || die "expected 2 messages received"
/usr/bin/python3 - "$WORK/inbox" "$out/report.pdf" <<'PY'
import email, email.policy, glob, sys
pdf = open(sys.argv[2], "rb").read()
import email.utils, time
for p in glob.glob(sys.argv[1] + "/*.eml"):
    m = email.message_from_bytes(open(p, "rb").read(), policy=email.policy.default)
    assert m.get_payload()[1].get_content() == pdf
    # sent: dated when it went, not at the as-of day
    sent = email.utils.parsedate_to_datetime(m["Date"]).timestamp()
    assert abs(sent - time.time()) < 600, m["Date"]
PY
for p in $pids; do kill "$p" 2> /dev/null || true; done; pids=""
# the server now takes Bob: a rerun sends to him alone
start_server "$WORK/inbox2"
"$MSTRESS" mail -q --to "$WORK/to.csv" --smtp "smtp://127.0.0.1:$PORT" --smtp-insecure --pause 0 --out "$out" > "$WORK/run2.txt"
expect_in "$WORK/run2.txt" "1 delivered, 2 already delivered before, 0 not delivered"
[ "$(ls "$WORK/inbox2")" = "001-bob@example.org.eml" ] || die "the rerun sent $(ls "$WORK/inbox2")"
"$MSTRESS" mail -q --to "$WORK/to.csv" --smtp "smtp://127.0.0.1:$PORT" --smtp-insecure --pause 0 --out "$out" > "$WORK/run3.txt"
expect_in "$WORK/run3.txt" "0 delivered, 3 already delivered before, 0 not delivered"
for p in $pids; do kill "$p" 2> /dev/null || true; done; pids=""

# a server that goes away after one message; the rerun finishes the list
out2="$WORK/out2"
start_server "$WORK/inbox3" --max 1
set +e
"$MSTRESS" mail -q --to "$WORK/to.csv" --smtp "smtp://127.0.0.1:$PORT" --smtp-insecure --pause 0.5 --out "$out2" > "$WORK/run4.txt" 2>&1
code=$?
set -e
[ $code -eq 4 ] || die "a server gone must exit 4, not $code"
expect_in "$WORK/run4.txt" "1 delivered, 0 already delivered before, 2 not delivered"
start_server "$WORK/inbox4"
"$MSTRESS" mail -q --to "$WORK/to.csv" --smtp "smtp://127.0.0.1:$PORT" --smtp-insecure --pause 0 --out "$out2" > "$WORK/run5.txt"
expect_in "$WORK/run5.txt" "2 delivered, 1 already delivered before, 0 not delivered"
# a server slow to answer the message's end is waited for: delivered once
printf 'email,name\nalice@example.org,Alice\ncarol@example.org,Carol\n' > "$WORK/two.csv"
start_server "$WORK/inbox5" --final-delay 2
"$MSTRESS" mail -q --to "$WORK/two.csv" --smtp "smtp://127.0.0.1:$PORT" --smtp-insecure --pause 0 \
	--final-reply-wait 20 --out "$WORK/out5" > "$WORK/run6.txt"
expect_in "$WORK/run6.txt" "2 delivered, 0 already delivered before, 0 not delivered, 0 of unknown fate"
[ "$(ls "$WORK/inbox5" | wc -l)" -eq 2 ] || die "the slow server got $(ls "$WORK/inbox5" | wc -l) messages, not 2"
# past the wait, the message (which the server has) is of unknown fate:
# said, logged, exit 4, and not sent again by a rerun
start_server "$WORK/inbox6" --final-delay 8
set +e
"$MSTRESS" mail -q --to "$WORK/two.csv" --smtp "smtp://127.0.0.1:$PORT" --smtp-insecure --pause 0 \
	--final-reply-wait 1 --out "$WORK/out6" > "$WORK/run7.txt" 2> "$WORK/run7.err"
code=$?
set -e
[ $code -eq 4 ] || die "an unanswered message must exit 4, not $code"
expect_in "$WORK/run7.txt" "fate unknown: alice@example.org"
expect_in "$WORK/run7.txt" "0 delivered, 0 already delivered before, 0 not delivered, 2 of unknown fate"
expect_in "$WORK/run7.err" "sent to alice@example.org, but no answer to the end of the message in time: it may have arrived"
[ "$(grep -c 'unknown$' "$WORK/out6/mail/sent.log")" -eq 2 ] || die "sent.log: $(cat "$WORK/out6/mail/sent.log")"
[ "$(ls "$WORK/inbox6" | wc -l)" -eq 2 ] || die "the silent server got $(ls "$WORK/inbox6" | wc -l) messages"
start_server "$WORK/inbox7"
set +e
"$MSTRESS" mail -q --to "$WORK/two.csv" --smtp "smtp://127.0.0.1:$PORT" --smtp-insecure --pause 0 \
	--out "$WORK/out6" > "$WORK/run8.txt" 2> "$WORK/run8.err"
code=$?
set -e
[ $code -eq 4 ] || die "a rerun with messages of unknown fate must exit 4, not $code"
expect_in "$WORK/run8.txt" "0 delivered, 0 already delivered before, 0 not delivered, 2 of unknown fate"
expect_in "$WORK/run8.err" "not sent again (--resend-unknown sends it)"
[ -z "$(ls "$WORK/inbox7")" ] || die "a message of unknown fate was sent again: $(ls "$WORK/inbox7")"
"$MSTRESS" mail -q --to "$WORK/two.csv" --smtp "smtp://127.0.0.1:$PORT" --smtp-insecure --pause 0 \
	--resend-unknown --out "$WORK/out6" > "$WORK/run9.txt"
expect_in "$WORK/run9.txt" "2 delivered, 0 already delivered before, 0 not delivered, 0 of unknown fate"
[ "$(ls "$WORK/inbox7" | wc -l)" -eq 2 ] || die "--resend-unknown sent $(ls "$WORK/inbox7" | wc -l) messages"
# a run killed while it waits for the answer: the rerun does not send again
printf 'email,name\nalice@example.org,Alice\n' > "$WORK/one.csv"
start_server "$WORK/inbox8" --final-delay 60
"$MSTRESS" mail -q --to "$WORK/one.csv" --smtp "smtp://127.0.0.1:$PORT" --smtp-insecure --pause 0 \
	--out "$WORK/out7" > /dev/null 2>&1 &
mailer=$!
i=0
while [ -z "$(ls "$WORK/inbox8")" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -n "$(ls "$WORK/inbox8")" ] || die "the message never reached the server"
kill -9 "$mailer"
wait "$mailer" 2> /dev/null || true
expect_in "$WORK/out7/mail/sent.log" "	alice@example.org	sending"
set +e
"$MSTRESS" mail -q --to "$WORK/one.csv" --smtp "smtp://127.0.0.1:$PORT" --smtp-insecure --pause 0 \
	--out "$WORK/out7" > "$WORK/run10.txt" 2> /dev/null
code=$?
set -e
[ $code -eq 4 ] || die "after a killed send, the rerun must exit 4, not $code"
expect_in "$WORK/run10.txt" "fate unknown: alice@example.org"
[ "$(ls "$WORK/inbox8" | wc -l)" -eq 1 ] || die "a killed send was repeated"
for p in $pids; do kill "$p" 2> /dev/null || true; done; pids=""
# without --smtp-insecure, a server with no STARTTLS gets nothing
set +e
"$MSTRESS" mail -q --to "$WORK/to.csv" --smtp "smtp://127.0.0.1:$PORT" --pause 0 --out "$WORK/out3" > /dev/null 2> "$WORK/tls.err"
code=$?
set -e
[ $code -eq 4 ] || die "plain SMTP without --smtp-insecure must fail"
[ "$(ls "$WORK/inbox4" | wc -l)" -eq 2 ] || die "a message went out without TLS"
# a day at the market's peak: no "market cap lost" of $0 in either part; the
# key figures' values and dates never wrap in the HTML part
"$MSTRESS" mail -q --as-of 2024-11-11 --to "$WORK/to.csv" --dry-run --out "$WORK/peak"
/usr/bin/python3 - "$WORK/peak" <<'PY'
import email, email.policy, glob, re, sys
m = email.message_from_bytes(open(sorted(glob.glob(f"{sys.argv[1]}/mail/*.eml"))[0], "rb").read(),
                             policy=email.policy.default)
alt = m.get_payload()[0]
plain, rel = alt.get_payload()
html = rel.get_payload()[0].get_content()
for part in (plain.get_content(), html):
    assert "market cap lost" not in part, "a $0 loss at the peak"
    assert "Market stress index" in part, "the key figures lack the stress index"
for cell in re.findall(r'<td[^>]*>(?:\$[0-9,.]+[BTMk]?|\d{4}-\d\d-\d\d|−?[0-9.]+\xa0%)</td>', html):
    assert "white-space:nowrap" in cell, cell
assert re.search(r'<td[^>]*white-space:nowrap[^>]*>2024-11-11</td>', html), "no date cell"
PY
