/* Runs a command and writes its peak resident set size and CPU time to a
 * file, for the benchmarks' memory columns:
 *
 *   peak_rss REPORT CMD [ARGS...]
 *
 * writes `maxrss_kib=N utime_s=U stime_s=S` (the command's rusage from
 * wait4) to REPORT and exits with the command's status.
 *
 * Why a launcher: Linux carries a process's RSS high-water mark across
 * execve, and a child forked (or vforked) from the benchmark's Python starts
 * out with the parent's resident pages, so ru_maxrss of a command started
 * from Python is at least Python's own RSS (measured: `true` read 519 MiB
 * from a Python holding 500 MiB). Forked from this small process instead, the
 * command's figure is its own (`true`: about 1 MiB). */
#define _GNU_SOURCE /* wait4 with a strict -std */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: peak_rss REPORT CMD [ARGS...]\n");
    return 2;
  }
  pid_t pid = fork();
  if (pid < 0) {
    perror("peak_rss: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    perror("peak_rss: exec");
    _exit(127);
  }
  int status;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("peak_rss: wait4");
    return 2;
  }
  FILE *report = fopen(argv[1], "w");
  if (report) {
    fprintf(report, "maxrss_kib=%ld utime_s=%.6f stime_s=%.6f\n", ru.ru_maxrss,
            ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6,
            ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6);
    fclose(report);
  }
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
