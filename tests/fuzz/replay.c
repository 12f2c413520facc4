/* A fuzz target's entry point over files, without libFuzzer: the suite
 * replays every input that once crashed a target (tests/fuzz/regressions/).
 * usage: replay_TARGET FILE... */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		size_t cap = 1 << 16, len = 0;
		uint8_t *data = malloc(cap);
		for (size_t n; data && (n = fread(data + len, 1, cap - len, f)) > 0;) {
			len += n;
			uint8_t *bigger = len == cap ? realloc(data, cap *= 2) : data;
			if (!bigger)
				free(data);
			data = bigger;
		}
		fclose(f);
		if (!data) {
			fprintf(stderr, "%s: out of memory\n", argv[i]);
			return 1;
		}
		LLVMFuzzerTestOneInput(data, len);
		free(data);
	}
	return 0;
}
