/* Loopback MPI latency and bandwidth, for the communication cost model of
   docs/distributed.md: ranks 0 and 1 bounce a message of each size back and
   forth (MPI_Send/MPI_Recv) and report half the median round trip; then all
   ranks time MPI_Allreduce (MPI_SUM, f32, in place) of the same sizes.

     mpicc.mpich -O2 bench/mpi_pingpong.c -o pingpong
     mpirun.mpich -n 2 ./pingpong          # -n 4: the all-reduce on 4 ranks

   Run it on an otherwise idle machine: a rank that is descheduled while the
   other spins on a receive turns microseconds into milliseconds. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Sorts t: t[0] is the fastest, t[n / 2] the median. */
static void sort(double *t, int n) { qsort(t, (size_t)n, sizeof *t, compare); }

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, ranks;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  const long sizes[] = {8, 1024, 65536, 1 << 20, 16 << 20};
  const int count = sizeof sizes / sizeof *sizes, reps = 50;
  char *buf = calloc(16 << 20, 1);
  double t[50];
  if (rank == 0)
    printf("%d ranks; microseconds, min / median of %d\n%10s %20s %12s "
           "%20s\n",
           ranks, reps, "bytes", "one-way", "MB/s (min)", "allreduce");
  for (int s = 0; s < count; ++s) {
    long n = sizes[s];
    double oneWay[50] = {0};
    if (ranks >= 2) {
      for (int r = 0; r < reps; ++r) {
        MPI_Barrier(MPI_COMM_WORLD);
        double t0 = MPI_Wtime();
        if (rank == 0) {
          MPI_Send(buf, (int)n, MPI_BYTE, 1, 0, MPI_COMM_WORLD);
          MPI_Recv(buf, (int)n, MPI_BYTE, 1, 0, MPI_COMM_WORLD,
                   MPI_STATUS_IGNORE);
        } else if (rank == 1) {
          MPI_Recv(buf, (int)n, MPI_BYTE, 0, 0, MPI_COMM_WORLD,
                   MPI_STATUS_IGNORE);
          MPI_Send(buf, (int)n, MPI_BYTE, 0, 0, MPI_COMM_WORLD);
        }
        oneWay[r] = (MPI_Wtime() - t0) / 2;
      }
      sort(oneWay, reps);
    }
    for (int r = 0; r < reps; ++r) {
      MPI_Barrier(MPI_COMM_WORLD);
      double t0 = MPI_Wtime();
      MPI_Allreduce(MPI_IN_PLACE, buf, (int)(n / 4 ? n / 4 : 1), MPI_FLOAT,
                    MPI_SUM, MPI_COMM_WORLD);
      double mine = MPI_Wtime() - t0, slowest;
      MPI_Allreduce(&mine, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
      t[r] = slowest;
      memset(buf, 0, (size_t)n); /* keep the values finite */
    }
    sort(t, reps);
    if (rank == 0)
      printf("%10ld %9.1f / %8.1f %12.0f %9.1f / %8.1f\n", n, 1e6 * oneWay[0],
             1e6 * oneWay[reps / 2], ranks >= 2 ? n / oneWay[0] / 1e6 : 0.0,
             1e6 * t[0], 1e6 * t[reps / 2]);
  }
  free(buf);
  MPI_Finalize();
  return 0;
}
