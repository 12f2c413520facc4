/* Allocation-failure injection (make oomtest): linked into build/oom/mstress
 * with the release objects and ld's --wrap, it stands in for malloc,
 * calloc, realloc, strdup, strndup and free in mstress's own code (which
 * jansson's and libharu's allocations pass through too: mstress gives them
 * its allocators), is given to libxml2, and refuses threads, so that the
 * n-th allocation is the same one on every run (each pthread_create caller
 * then does the work itself).
 *
 * MSTRESS_OOM_FAIL_AT=N fails the N-th allocation only (with
 * MSTRESS_OOM_TRACE set, printing where, for addr2line), and exits 97 if
 * the run leaves any block behind. MSTRESS_OOM_SHARD=K/M limits a
 * sweep to the n with n % M == K, so that M sweeps share the work.
 * MSTRESS_OOM_SWEEP=FILE runs the sweep: at every counted allocation the
 * process forks; the child sees that one allocation fail and runs on to its
 * end, while the parent waits, judges it, and goes on with the allocation
 * granted. So one run tries every n from 1 to the total, each child a true
 * "the n-th allocation fails" run, at the cost of its remaining work only.
 * Once the run has begun writing its report (its folder beside the output
 * directory, which a failing child would remove, exists), the remaining
 * allocations are failed in fresh runs started at its exit instead.
 * A child must end by a signal-free exit: 0 (the failure was absorbed), or
 * non-zero with an "error:" message; with no block of the counted
 * allocators left behind beyond what the full run leaves; and, when it
 * failed, with the files in MSTRESS_OOM_WATCH (the output directory) as
 * they were, and when it did not, with the report in MSTRESS_OOM_EXPECT
 * (the same build without failures) there. FILE gets one line per bad child
 * and a summary. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <signal.h>
#include <pthread.h>
#include <libxml/xmlmemory.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* this file's own memory comes from the real allocators */
void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

/* ---- the live blocks: open-addressing sets of pointers ---- */

typedef struct ptrset {
	void **slot;             /* NULL: empty; TOMB: deleted */
	size_t bits, n, used;    /* used: slots not empty, tombs included */
} ptrset;
static void *const TOMB = (void *)1;

/* The blocks allocated and not yet freed. A child starts a fresh set (and
 * keeps the parent's, read only, as inherited): writing into the parent's
 * would copy its pages one fault at a time, at every fork. */
static ptrset own, inherited, gone;      /* gone: inherited blocks a child freed */
static int is_child;

static void set_new(ptrset *s, size_t bits)
{
	s->slot = mmap(NULL, sizeof *s->slot << bits, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (s->slot == MAP_FAILED)
		abort();
	s->bits = bits;
	s->n = s->used = 0;
}

static size_t slot_of(const ptrset *s, const void *p)
{
	return (size_t)(((uintptr_t)p >> 4) * UINT64_C(0x9E3779B97F4A7C15) >> (64 - s->bits));
}

static void set_add(ptrset *s, void *p)
{
	size_t mask = ((size_t)1 << s->bits) - 1, i = slot_of(s, p);
	if (++s->used > mask / 10 * 9) {
		fputs("inject: too many live blocks for the set\n", stderr);
		abort();
	}
	while (s->slot[i] && s->slot[i] != TOMB)
		i = (i + 1) & mask;
	s->slot[i] = p;
	s->n++;
}

/* Removes p if there (1), else 0; with remove 0 only looks. */
static int set_find(ptrset *s, const void *p, int remove)
{
	size_t mask = ((size_t)1 << s->bits) - 1;
	for (size_t i = slot_of(s, p); s->slot && s->slot[i]; i = (i + 1) & mask)
		if (s->slot[i] == p) {
			if (remove) {
				s->slot[i] = TOMB;
				s->n--;
			}
			return 1;
		}
	return 0;
}

static void track(void *p)
{
	if (p && own.slot)
		set_add(&own, p);
}

/* Forgets p; 0 when it was not one of ours (a library's block). */
static int untrack(void *p)
{
	if (!p)
		return 0;
	if (set_find(&own, p, 1))
		return 1;
	if (is_child && set_find(&inherited, p, 0) && !set_find(&gone, p, 0)) {
		set_add(&gone, p);
		return 1;
	}
	return 0;
}

static size_t live_blocks(void)
{
	return is_child ? inherited.n - gone.n + own.n : own.n;
}

/* ---- the sweep ---- */

typedef struct shared {
	size_t child_live;           /* the child's live blocks at its exit */
} shared;

static int sweeping;
enum { LEAK_EXIT = 97 };         /* a fresh run's status when it left blocks */
static unsigned long fail_at;    /* MSTRESS_OOM_FAIL_AT, or 0 */
static int trace;                /* MSTRESS_OOM_TRACE: where the failure is, on stderr */
static char **args;              /* the command line, for the runs started afresh */
static unsigned long fresh_from; /* the first allocation after the output was touched */
static unsigned long shard, shards = 1;  /* MSTRESS_OOM_SHARD=K/M: the n with n % M == K */
static unsigned long count;      /* counted allocations so far */
static FILE *report;
static int err_fd = -1;          /* the child's stderr, read by the parent */
static shared *sh;
static const char *watch, *expect;
static char *snapshot;           /* the watched directory: names, sizes, times */
static unsigned long crashed, leaked, silent, touched, differs, clean, absorbed;
static size_t *child_live;       /* per allocation: the blocks its child left */
static size_t nchild, capchild;

static char *list_dir(const char *dir)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	DIR *d = f ? opendir(dir) : NULL;
	for (struct dirent *e; d && (e = readdir(d));) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {    /* its time moves with temporary files: not listed */
			char *sub = list_dir(path);
			fprintf(f, "%s/\n%s", e->d_name, sub ? sub : "");
			__real_free(sub);
		} else {
			fprintf(f, "%s %lld %lld.%09ld\n", e->d_name, (long long)st.st_size,
				(long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
		}
	}
	if (d)
		closedir(d);
	if (f)
		fclose(f);
	return text;
}

/* Whether the run has made the sibling folder its report is written into
 * (.NAME.new-XXXXXX beside the watched folder, gen/outset.c). */
static int switch_begun(void)
{
	const char *slash = strrchr(watch, '/');
	const char *base = slash ? slash + 1 : watch;
	char parent[4096], mark[512];
	snprintf(parent, sizeof parent, "%.*s", slash ? (int)(slash - watch) : 1, slash ? watch : ".");
	snprintf(mark, sizeof mark, ".%s.new-", base);
	DIR *d = opendir(parent);
	int found = 0;
	for (struct dirent *e; d && !found && (e = readdir(d));)
		found = !strncmp(e->d_name, mark, strlen(mark));
	if (d)
		closedir(d);
	return found;
}

/* Whether every file under ref has the same bytes under dir. */
static int same_files(const char *ref, const char *dir)
{
	DIR *d = opendir(ref);
	int same = d != NULL;
	for (struct dirent *e; same && (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char a[4096], b[4096];
		struct stat st;
		snprintf(a, sizeof a, "%s/%s", ref, e->d_name);
		snprintf(b, sizeof b, "%s/%s", dir, e->d_name);
		if (lstat(a, &st) != 0)
			same = 0;
		else if (S_ISDIR(st.st_mode))
			same = same_files(a, b);
		else {
			FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
			int ca = 0, cb = 0;
			while (fa && fb && (ca = getc(fa)) == (cb = getc(fb)) && ca != EOF)
				;
			same = fa && fb && ca == EOF && cb == EOF;
			if (fa)
				fclose(fa);
			if (fb)
				fclose(fb);
		}
	}
	if (d)
		closedir(d);
	return same;
}

static int said_error(void)
{
	char buf[65536];
	ssize_t n = pread(err_fd, buf, sizeof buf - 1, 0);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strstr(buf, "error: ") != NULL;
}

static void judge(unsigned long n, int status)
{
	while (n > capchild) {
		size_t was = capchild;
		capchild = capchild ? 2 * capchild : 4096;
		if (!(child_live = __real_realloc(child_live, capchild * sizeof *child_live)))
			abort();
		memset(child_live + was, 0, (capchild - was) * sizeof *child_live);
	}
	child_live[n - 1] = sh->child_live;
	nchild = n;
	if (WIFSIGNALED(status)) {
		crashed++;
		fprintf(report, "allocation %lu: killed by signal %d\n", n, WTERMSIG(status));
		char buf[4096];
		ssize_t got = pread(err_fd, buf, sizeof buf - 1, 0);
		if (got > 0)
			fprintf(report, "%.*s\n", (int)got, buf);
		return;
	}
	int code = WEXITSTATUS(status);
	if (code == 0) {
		absorbed++;
		if (expect && watch && !same_files(expect, watch)) {
			differs++;
			fprintf(report, "allocation %lu: exit 0, but the report differs from %s\n", n, expect);
		}
		if (watch) {         /* a whole new report: the reference from now on */
			__real_free(snapshot);
			snapshot = list_dir(watch);
		}
		return;
	}
	if (!said_error()) {
		silent++;
		fprintf(report, "allocation %lu: exit %d with no error message\n", n, code);
	}
	if (watch) {
		char *now = list_dir(watch);
		if (!now || !snapshot || strcmp(now, snapshot)) {
			touched++;
			fprintf(report, "allocation %lu: exit %d changed %s\n", n, code, watch);
		}
		__real_free(now);
	}
	clean++;
}

/* The allocations from fresh_from on, each failed in a run of its own. */
static void run_afresh(void)
{
	unsetenv("MSTRESS_OOM_SWEEP");
	unsetenv("MSTRESS_OOM_SHARD");
	unsetenv("MSTRESS_OOM_TRACE");
	__real_free(snapshot);     /* this run's report is the one to keep now */
	snapshot = list_dir(watch);
	for (unsigned long n = fresh_from; n <= count; n++) {
		if (n % shards != shard)
			continue;
		char at[32];
		snprintf(at, sizeof at, "%lu", n);
		setenv("MSTRESS_OOM_FAIL_AT", at, 1);
		if (ftruncate(err_fd, 0) != 0 || lseek(err_fd, 0, SEEK_SET) != 0)
			break;
		sh->child_live = 0;
		fflush(NULL);
		pid_t pid = fork();
		if (pid == 0) {
			dup2(err_fd, 2);
			execv("/proc/self/exe", args);
			_exit(127);
		}
		int status = 0;
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			fprintf(report, "allocation %lu: fork or wait failed: %s\n", n, strerror(errno));
			crashed++;
			continue;
		}
		/* a fresh run says its leftovers by its exit status (below) */
		if (WIFEXITED(status) && WEXITSTATUS(status) == LEAK_EXIT) {
			sh->child_live = (size_t)-1;
			status = 1 << 8;
		}
		judge(n, status);
	}
}

static void at_exit(void)
{
	if (is_child) {
		sh->child_live = live_blocks();
		return;
	}
	if (fail_at) {             /* a fresh run of the sweep's: blocks left are a leak */
		if (live_blocks())
			_exit(LEAK_EXIT);
		return;
	}
	if (!sweeping)
		return;
	if (fresh_from)
		run_afresh();
	/* the full run's own leftovers are the bar for every child */
	size_t live = live_blocks();
	for (size_t i = 0; i < nchild; i++)
		if (child_live[i] > live && ++leaked <= 50)
			fprintf(report, "allocation %zu: its run left %s blocks, the full run %zu\n", i + 1,
				child_live[i] == (size_t)-1 ? "some" : "more", live);
	fprintf(report, "allocations %lu\nclean_errors %lu\nabsorbed %lu\ncrashed %lu\nleaked %lu\n"
			"silent %lu\ntouched_output %lu\nwrong_output %lu\nleft_by_full_run %zu\n",
		count, clean, absorbed, crashed, leaked, silent, touched, differs, live);
	fclose(report);
}

/* A child's crash: where, into its stderr (which the report quotes). */
static void on_crash(int sig)
{
	void *frames[48];
	backtrace_symbols_fd(frames, backtrace(frames, 48), 2);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Called before every counted allocation: 1 when it must fail. */
static int must_fail(void)
{
	if (fail_at) {
		if (++count != fail_at)
			return 0;
		if (trace) {
			void *frames[32];       /* where it failed, for addr2line */
			backtrace_symbols_fd(frames, backtrace(frames, 32), 2);
		}
		return 1;
	}
	if (!sweeping || is_child)
		return 0;
	unsigned long n = ++count;
	if (fresh_from || n % shards != shard)
		return 0;
	/* once this run has begun writing its report, a child's clean-up would
	 * remove this run's temporary files: the rest are run afresh, at exit */
	if (watch) {
		char *now = list_dir(watch);
		int writing = !now || !snapshot || strcmp(now, snapshot) || switch_begun();
		__real_free(now);
		if (writing) {
			fresh_from = n;
			return 0;
		}
	}
	if (ftruncate(err_fd, 0) != 0 || lseek(err_fd, 0, SEEK_SET) != 0)
		return 0;
	fflush(NULL);
	sh->child_live = 0;
	pid_t pid = fork();
	if (pid == 0) {
		is_child = 1;
		signal(SIGSEGV, on_crash);
		signal(SIGBUS, on_crash);
		signal(SIGABRT, on_crash);
		inherited = own;
		set_new(&own, 18);
		set_new(&gone, 18);
		dup2(err_fd, 2);
		return 1;
	}
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		fprintf(report, "allocation %lu: fork or wait failed: %s\n", n, strerror(errno));
		crashed++;
		return 0;
	}
	judge(n, status);
	if (n % 500 == 0 && isatty(2))
		fprintf(stderr, "\room: %lu allocations tried", n);
	return 0;
}

/* ---- the allocators ---- */

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
void __wrap_free(void *p);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *), void *arg);

void *__wrap_malloc(size_t n)
{
	if (must_fail())
		return NULL;
	void *p = __real_malloc(n);
	track(p);
	return p;
}

void *__wrap_calloc(size_t k, size_t n)
{
	if (must_fail())
		return NULL;
	void *p = __real_calloc(k, n);
	track(p);
	return p;
}

void *__wrap_realloc(void *p, size_t n)
{
	if (n && must_fail())
		return NULL;
	int ours = untrack(p);
	void *q = __real_realloc(p, n);
	if (q && (ours || !p))
		track(q);
	else if (!q && ours)
		track(p);         /* still there */
	return q;
}

char *__wrap_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = __wrap_malloc(n);
	return p ? memcpy(p, s, n) : NULL;
}

char *__wrap_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = __wrap_malloc(len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

void __wrap_free(void *p)
{
	untrack(p);
	__real_free(p);
}

int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *), void *arg)
{
	(void)t;
	(void)a;
	(void)f;
	(void)arg;
	return EAGAIN;
}

static char *xml_strdup(const char *s)
{
	return __wrap_strdup(s);
}

__attribute__((constructor)) static void start(int argc, char **argv)
{
	/* a copy: main() rewrites argv[1] for getopt's messages */
	args = __real_calloc((size_t)argc + 1, sizeof *args);
	for (int i = 0; args && i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;
		if ((args[i] = __real_malloc(n)))
			memcpy(args[i], argv[i], n);
	}
	set_new(&own, 21);
	sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		abort();
	xmlMemSetup(__wrap_free, __wrap_malloc, __wrap_realloc, xml_strdup);
	const char *at = getenv("MSTRESS_OOM_FAIL_AT");
	fail_at = at ? strtoul(at, NULL, 10) : 0;
	trace = getenv("MSTRESS_OOM_TRACE") != NULL;
	if (fail_at)
		atexit(at_exit);
	const char *part = getenv("MSTRESS_OOM_SHARD");
	if (part && (sscanf(part, "%lu/%lu", &shard, &shards) != 2 || !shards || shard >= shards))
		abort();
	const char *file = getenv("MSTRESS_OOM_SWEEP");
	if (!file)
		return;
	char tmpl[] = "/tmp/mstress-oom-XXXXXX";
	err_fd = mkstemp(tmpl);
	report = fopen(file, "w");
	if (err_fd < 0 || !report)
		abort();
	unlink(tmpl);
	watch = getenv("MSTRESS_OOM_WATCH");
	expect = getenv("MSTRESS_OOM_EXPECT");
	if (watch)
		snapshot = list_dir(watch);
	atexit(at_exit);
	sweeping = 1;
}
