# By hand (issue #17): OpenBLAS sgemm through numpy on 1 thread at n = 256, 512, 1024 with the kernel that
# OPENBLAS_CORETYPE names, e.g. `env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=Haswell /usr/bin/python3 bench/peers/sgemm_by_coretype.py`:
# the peer an AVX2 (Haswell) or SSE-only (Nehalem) machine gets by default. Prints GFLOP/s (median of 5 rounds).
import numpy as np, time, threadpoolctl
info=threadpoolctl.threadpool_info()[0]
res=[]
with threadpoolctl.threadpool_limits(1):
  for n in (256,512,1024):
    a=np.random.rand(n,n).astype(np.float32); b=np.random.rand(n,n).astype(np.float32)
    reps=max(3,int(2e9/(2*n**3)))
    for _ in range(3): a@b
    times=[]
    for r in range(5):
      t=time.perf_counter()
      for _ in range(reps): a@b
      times.append((time.perf_counter()-t)/reps)
    times.sort(); res.append((n, 2*n**3/times[2]/1e9))  # the median round
print(info['architecture'], ' '.join(f"n={n}: {g:.1f}" for n,g in res))
