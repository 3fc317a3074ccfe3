// libyaml-events FILE|FOLDER...: reads every .yaml/.yml file (folders recursively) and runs
// libyaml's event loop over it, discarding the events; prints the file and event counts.
// The whole-process reference of the yaml, lint and migrate figures of registry-bench.
// Exits 1 when a file cannot be read or parsed.
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "yaml_events.h"

static long files = 0, events = 0;
static int failed = 0;

static int is_yaml(const char *path) {
  size_t n = strlen(path);
  return (n > 5 && strcmp(path + n - 5, ".yaml") == 0) || (n > 4 && strcmp(path + n - 4, ".yml") == 0);
}

static void parse_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) { fprintf(stderr, "cannot read %s\n", path); failed = 1; return; }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *buf = malloc(size > 0 ? (size_t)size : 1);
  size_t got = fread(buf, 1, (size_t)size, f);
  fclose(f);
  long n = yaml_events_count(buf, got);
  free(buf);
  if (n < 0) { fprintf(stderr, "%s: parse error\n", path); failed = 1; return; }
  files += 1;
  events += n;
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st; (void)ftw;
  if (type == FTW_F && is_yaml(path)) parse_file(path);
  return 0;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (nftw(argv[i], visit, 32, FTW_PHYS) != 0) { fprintf(stderr, "cannot walk %s\n", argv[i]); failed = 1; }
  }
  printf("%ld files, %ld events\n", files, events);
  return failed;
}
